import { DEFAULT_TIME_ZONE, dateInZone, type ProjectedEvent } from '../domain/shared';
import type { ReportParams, ReportScope } from './report-model';
import { MemoryTextSpill, type TextSpill } from './text-spill';

/** What a report knows of a community: where it lies (scope filters) and its zone (local dates). */
export type CommunityPlace = Readonly<{ communityId: string; kind: string; townshipRef: string; districtRef: string; timeZone: string }>;

type Data = Record<string, unknown>;
type OwnedKind = 'meeting' | 'publication' | 'consultation';
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * State every section shares, fed each event before the sections see it: the community directory,
 * which community a meeting, publication or consultation belongs to, the list sets' areas, and
 * date helpers. Bounded by the number of communities and procedures, never by the number of events.
 */
export class ReportContext {
  private readonly communities = new Map<string, CommunityPlace>();
  /**
   * meeting, publication, consultation id -> community id (events that do not repeat it): one entry
   * per procedure ever opened, keyed by the id itself (no composed key), the values the interned ids.
   */
  private readonly owners: Readonly<Record<OwnedKind, Map<string, string>>> = { meeting: new Map(), publication: new Map(), consultation: new Map() };
  /** One string per community id or other repeated value (meeting kinds). */
  private readonly interned = new Map<string, string>();
  private readonly jurisdictionAreas = new Map<string, readonly string[]>();
  private readonly dateCache = new Map<string, Map<string, string>>();
  private lastEvent: ProjectedEvent | undefined;
  private lastZone = '';
  private lastEventDate = '';
  private lastDate: string | undefined;
  readonly defaultZone: string;

  constructor(
    readonly params: ReportParams,
    /** Where texts kept for the whole history are spilled. */
    readonly texts: TextSpill = new MemoryTextSpill(),
  ) {
    this.defaultZone = params.timeZone ?? DEFAULT_TIME_ZONE;
  }

  observe(e: ProjectedEvent): void {
    const d = e.data as Data;
    switch (e.type) {
      case 'CommunityRegistered':
        this.communities.set(String(d.communityId), {
          communityId: String(d.communityId),
          kind: String(d.kind),
          townshipRef: String(d.townshipRef),
          districtRef: String(d.districtRef),
          timeZone: str(d.timeZone) ?? this.defaultZone,
        });
        break;
      case 'MeetingConvened':
      case 'ConveningPetitioned':
        this.owners.meeting.set(String(d.meetingId), this.intern(String(d.communityId)));
        break;
      case 'PublicationDrafted':
      case 'PublicationPosted':
        this.owners.publication.set(String(d.publicationId), this.intern(String(d.communityId)));
        break;
      case 'OpinionsSolicited':
      case 'ProcedureDeviationRecorded':
        if (str(d.communityId) !== undefined) this.owners.consultation.set(String(d.consultationId), this.intern(String(d.communityId)));
        break;
      case 'WorkListSetEstablished':
        this.jurisdictionAreas.set(String(d.jurisdictionId), (d.coveredAreaRefs as string[] | undefined) ?? []);
        break;
      default:
        break;
    }
    this.lastDate = this.dateOf(e);
  }

  /** The one copy of a short repeated value (a community id, a meeting kind) kept by the maps that grow with the history. */
  intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    if (this.interned.size < 100_000) this.interned.set(value, value);
    return value;
  }

  /** Every registered community in scope. */
  communitiesInScope(): CommunityPlace[] {
    return [...this.communities.values()].filter((c) => this.inScope(c.communityId));
  }

  community(id: string | undefined): CommunityPlace | undefined {
    return id === undefined ? undefined : this.communities.get(id);
  }

  /** The community an event belongs to: its own communityId, else its meeting's, publication's or consultation's. */
  communityOf(e: ProjectedEvent): string | undefined {
    const d = e.data as Data;
    const own = str(d.communityId);
    if (own !== undefined) return own;
    if (str(d.meetingId) !== undefined) return this.owners.meeting.get(String(d.meetingId));
    if (str(d.publicationId) !== undefined) return this.owners.publication.get(String(d.publicationId));
    if (str(d.consultationId) !== undefined) return this.owners.consultation.get(String(d.consultationId));
    return undefined;
  }

  ownerOf(kind: OwnedKind, id: string): string | undefined {
    return this.owners[kind].get(id);
  }

  /** Whether a community lies in the report's scope (an unregistered one only when there is no scope). */
  inScope(communityId: string | undefined): boolean {
    const scope = this.params.scope;
    if (scope === undefined) return true;
    const place = this.community(communityId);
    if (place === undefined) return false;
    return matches(scope, place);
  }

  /** A list set is in scope when it covers the county asked for, or the county of a community in scope. */
  jurisdictionInScope(jurisdictionId: string): boolean {
    const scope = this.params.scope;
    if (scope === undefined) return true;
    const areas = this.jurisdictionAreas.get(jurisdictionId) ?? [];
    if (scope.kind === 'county') return areas.includes(scope.id);
    for (const place of this.communities.values()) if (matches(scope, place) && areas.includes(place.districtRef)) return true;
    return false;
  }

  /** Local date of when the event happened, in its community's zone. */
  dateOf(e: ProjectedEvent, communityId?: string): string {
    const zone = this.community(communityId ?? this.communityOf(e))?.timeZone ?? this.defaultZone;
    // Every section asks for the date of the event just read: remember it.
    if (e === this.lastEvent && zone === this.lastZone) return this.lastEventDate;
    const occurredAt = e.metadata.occurredAt;
    let byInstant = this.dateCache.get(zone);
    if (byInstant === undefined) {
      byInstant = new Map();
      this.dateCache.set(zone, byInstant);
    }
    let date = byInstant.get(occurredAt);
    if (date === undefined) {
      if (byInstant.size >= 20_000) byInstant.clear();
      date = dateInZone(new Date(occurredAt), zone);
      byInstant.set(occurredAt, date);
    }
    this.lastEvent = e;
    this.lastZone = zone;
    this.lastEventDate = date;
    return date;
  }

  inRange(date: string | undefined): boolean {
    if (date === undefined) return false;
    return (this.params.from === undefined || date >= this.params.from) && (this.params.to === undefined || date <= this.params.to);
  }

  /** The date deadlines are judged by: `to`, else the local date of the last event read. */
  get asOf(): string | undefined {
    return this.params.to ?? this.lastDate;
  }
}

const matches = (scope: ReportScope, place: CommunityPlace): boolean =>
  scope.kind === 'community' ? place.communityId === scope.id : scope.kind === 'township' ? place.townshipRef === scope.id : place.districtRef === scope.id;
