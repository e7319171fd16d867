import { withoutLinks, type ProjectedEvent } from '../../domain/shared';
import { checkProcedureCompliance, type Violation } from '../../projections/procedure-compliance/procedure-compliance.checker';
import { MemoryTextSpill, type TextSpill } from '../text-spill';

const ENDS = ['ConsultationClosed', 'ConsultationWithdrawn'];
/** Violations a late fragment (the end plus what followed it) cannot judge: they need the steps before the end. */
const NEEDS_WHOLE_STREAM = ['CONSULTATION.STEP_OUT_OF_ORDER'];

export type CheckedStream = Readonly<{ stream: string; violations: readonly Violation[]; dates: ReadonlyMap<string, string> }>;

/**
 * A closed consultation's end event as the checker reads it (ids, type, data, revision, when and by
 * which roles), as one string: one per consultation ever closed, spilled (the buffer keeps a number).
 * It is read back only if a later event comes in its stream.
 */
const pack = (e: ProjectedEvent): string =>
  JSON.stringify([e.eventId, e.type, e.schemaVersion, e.data, String(e.streamRevision), String(e.globalPosition), e.metadata.occurredAt, e.metadata.actorRoles]);

const unpack = (stream: string, text: string): ProjectedEvent => {
  const [eventId, type, schemaVersion, data, revision, position, occurredAt, actorRoles] = JSON.parse(text) as [string, string, number, ProjectedEvent['data'], string, string, string, string[]];
  return {
    eventId, type, schemaVersion, data, stream, streamRevision: BigInt(revision), globalPosition: BigInt(position),
    metadata: { actor: '', actorRoles, commandId: '', correlationId: '', causationId: '', occurredAt, recordedAt: '' },
  };
};

/**
 * The consultation streams for the procedure-compliance checker, which judges a consultation from
 * its whole stream. A stream is checked as soon as it closes (or is withdrawn) and its events are
 * dropped: only open consultations are held. Events that follow the end (corrections, or steps that
 * should not be there) are checked with the end event at the finish, keeping the violations they show.
 * The checker re-derives the policy in force from the locality policy versions kept here.
 */
export class ConsultationBuffer {
  private readonly policies: ProjectedEvent[] = [];
  private readonly open = new Map<string, ProjectedEvent[]>();
  /** Closed streams: their end event, packed and spilled. */
  private readonly ended = new Map<string, number>();
  /** Closed streams that had events after their end: the end event and those events. */
  private readonly late = new Map<string, ProjectedEvent[]>();

  constructor(
    private readonly asOf: () => string | undefined,
    private readonly timeZone: string,
    private readonly dateOf: (e: ProjectedEvent) => string,
    private readonly onChecked: (checked: CheckedStream) => void,
    private readonly texts: TextSpill = new MemoryTextSpill(),
  ) {}

  add(e: ProjectedEvent): void {
    if (e.type === 'LocalityPolicyVersionAdopted') {
      this.policies.push(e);
      return;
    }
    if (!e.stream.startsWith('consultation-')) return;
    const compact = withoutLinks(e);
    const late = this.late.get(e.stream);
    if (late !== undefined) {
      late.push(compact);
      return;
    }
    const end = this.ended.get(e.stream);
    if (end !== undefined) {
      this.ended.delete(e.stream);
      this.late.set(e.stream, [unpack(e.stream, this.texts.get(end)), compact]);
      return;
    }
    let list = this.open.get(e.stream);
    if (list === undefined) {
      list = [];
      this.open.set(e.stream, list);
    }
    list.push(compact);
    if (ENDS.includes(e.type)) {
      this.check(e.stream, list, () => true);
      this.open.delete(e.stream);
      this.ended.set(e.stream, this.texts.put(pack(e)));
    }
  }

  /** Checks what is still held: open consultations as of the report's date, and events after an end. */
  finish(): void {
    for (const [stream, events] of this.open) this.check(stream, events, () => true);
    for (const [stream, events] of this.late) {
      const lateIds = new Set(events.slice(1).map((e) => e.eventId));
      this.check(stream, events, (v) => !NEEDS_WHOLE_STREAM.includes(v.code) && v.eventIds.some((id) => lateIds.has(id)));
    }
    this.open.clear();
    this.ended.clear();
    this.late.clear();
  }

  private check(stream: string, events: readonly ProjectedEvent[], keep: (v: Violation) => boolean): void {
    const asOf = this.asOf();
    const [result] = checkProcedureCompliance([...this.policies, ...events], { ...(asOf === undefined ? {} : { asOf }), timeZone: this.timeZone });
    const violations = (result?.violations ?? []).filter(keep);
    if (violations.length === 0) return;
    this.onChecked({ stream, violations, dates: new Map(events.map((e) => [e.eventId, this.dateOf(e)])) });
  }
}
