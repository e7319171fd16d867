import { assertNever } from '../shared';
import type { CommunityKind, MatterType } from '../rules';
import type { CensusSnapshotRecorded, CommitteeTermStarted, CommunityEvent, OfficeHoldersRecorded, RepresentativeMeetingAuthorised, RepresentativeMeetingConstituted } from './community.events';

////////// State

export type Registered = Readonly<{
  status: 'Registered';
  communityId: string;
  kind: CommunityKind;
  timeZone: string;
  terms: readonly CommitteeTermStarted['data'][];
  censuses: readonly CensusSnapshotRecorded['data'][];
  constitutions: readonly RepresentativeMeetingConstituted['data'][];
  authorisations: readonly RepresentativeMeetingAuthorised['data'][];
  /** `<meetingKind>:<period>` of every MeetingCadenceMissed recorded. */
  cadenceMisses: readonly string[];
  /** Snapshots of the posts (OfficeHoldersRecorded), in recording order. */
  officeHolders?: readonly OfficeHoldersRecorded['data'][];
  lastOccurredAt: string;
}>;

export type Community = Readonly<{ status: 'NotRegistered' }> | Registered;

export const initialState = (): Community => ({ status: 'NotRegistered' });

////////// Evolve

export const evolve = (state: Community, event: CommunityEvent): Community => {
  if (event.type === 'CommunityRegistered') {
    if (state.status !== 'NotRegistered') return state;
    const { communityId, kind, timeZone, occurredAt } = event.data;
    return { status: 'Registered', communityId, kind, timeZone, terms: [], censuses: [], constitutions: [], authorisations: [], cadenceMisses: [], lastOccurredAt: occurredAt };
  }
  if (state.status !== 'Registered') return state;
  // The watchdog's observation is not a procedure step: a step recorded late may still precede it.
  if (event.type === 'MeetingCadenceMissed') return { ...state, cadenceMisses: [...state.cadenceMisses, `${event.data.meetingKind}:${event.data.period}`] };
  const next = { ...state, lastOccurredAt: event.data.occurredAt };
  switch (event.type) {
    case 'CommitteeTermStarted':
      return { ...next, terms: [...state.terms, event.data] };
    case 'CensusSnapshotRecorded':
      return { ...next, censuses: [...state.censuses, event.data] };
    case 'RepresentativeMeetingConstituted':
      return { ...next, constitutions: [...state.constitutions, event.data] };
    case 'RepresentativeMeetingAuthorised':
      return { ...next, authorisations: [...state.authorisations, event.data] };
    case 'OfficeHoldersRecorded':
      return { ...next, officeHolders: [...(state.officeHolders ?? []), event.data] };
    default:
      return assertNever(event);
  }
};

////////// Queries the application uses to build meeting commands (outside facts)

const latestOn = <T extends { effectiveFrom: string }>(items: readonly T[], date: string): T | null =>
  items.filter((i) => i.effectiveFrom <= date).reduce<T | null>((best, i) => (best === null || i.effectiveFrom >= best.effectiveFrom ? i : best), null);

/** The census snapshot in force on a date: the latest with effectiveFrom on or before it (VM-1, RM-1). */
export const censusInForceOn = (state: Community, date: string): CensusSnapshotRecorded['data'] | null =>
  state.status === 'Registered' ? latestOn(state.censuses, date) : null;

/** The representative-meeting composition in force on a date, within its committee term. */
export const constitutionInForceOn = (state: Community, date: string): RepresentativeMeetingConstituted['data'] | null => {
  if (state.status !== 'Registered') return null;
  const c = latestOn(state.constitutions, date);
  const term = c === null ? undefined : state.terms.find((t) => t.termId === c.termId);
  return c !== null && term !== undefined && date <= term.endsOn ? c : null;
};

/** Authorisations covering a matter on a date (VM-6, RM-7). */
export const authorisationsOn = (state: Community, date: string, matter: MatterType): readonly RepresentativeMeetingAuthorised['data'][] =>
  state.status !== 'Registered'
    ? []
    : state.authorisations.filter((a) => a.matterTypes.includes(matter) && a.validFrom <= date && (a.validUntil === null || date <= a.validUntil));

/** The posts in force on a date: the latest snapshot from on or before it, within its committee term (SV-3, SV-4). */
export const officeHoldersOn = (state: Community, date: string): OfficeHoldersRecorded['data'] | null => {
  if (state.status !== 'Registered') return null;
  const snapshot = latestOn(state.officeHolders ?? [], date);
  const term = snapshot === null ? undefined : state.terms.find((t) => t.termId === snapshot.termId);
  return snapshot !== null && term !== undefined && date <= term.endsOn ? snapshot : null;
};
