import { GENESIS_HASH, type RecordedEvent } from '../../../src/domain/shared';
import { evolve, key, type ConsultationObligationsRow } from '../../../src/projections/supervision/consultation-obligations.fold';

const recorded = (position: bigint, type: string, data: Record<string, unknown>, occurredAt = '2026-03-01T01:00:00.000Z'): RecordedEvent => ({
  eventId: `e-${position}`, type, schemaVersion: 2, data: { consultationId: 'cs-1', occurredAt, ...data }, stream: 'consultation-cs-1', streamRevision: position, globalPosition: 100n + position,
  metadata: { actor: 'a', actorRoles: [], commandId: `c-${position}`, correlationId: 'r', causationId: 'r', occurredAt, recordedAt: occurredAt },
  prevHash: GENESIS_HASH, hash: 'f'.repeat(64),
} as RecordedEvent);

const fold = (events: readonly RecordedEvent[]): ConsultationObligationsRow | null => events.reduce<ConsultationObligationsRow | null>((row, e) => evolve(row, e), null);
const opened = recorded(0n, 'OpinionsSolicited', { communityId: 'c-1', townshipId: 't', localityId: 't', communityKind: 'village', timeZone: 'Asia/Shanghai', channel: 'x', periodFrom: '2026-02-01', periodTo: '2026-02-10', opinionsGathered: 3 });

describe('PD-1 ④ consultation results and their implementation open publication obligations, keyed by the consultation', () => {
  it('the opening event names the community; the result opens an obligation due when the consultation says', () => {
    const row = fold([opened, recorded(1n, 'OpinionFormed', { publicationDue: '2026-03-08' }, '2026-02-28T17:00:00.000Z')]);
    expect(key(opened)).toBe('cs-1');
    expect(row).toMatchObject({ communityId: 'c-1', communityKind: 'village' });
    expect(row!.obligations).toEqual([expect.objectContaining({ obligationId: 'consultation:cs-1/result', source: 'consultation_result', rule: 'PD-1', category: 'consultation_results', openedOn: '2026-03-01', dueBy: '2026-03-08', coveredBy: null, missRecordedBy: null })]);
    expect(row!.obligations[0]!.provenance).toMatchObject({ eventId: 'e-1', globalPosition: '101' });
  });
  it('the covering publication closes the obligation it covers; the implementation is a second obligation', () => {
    const row = fold([
      opened,
      recorded(1n, 'OpinionFormed', { publicationDue: '2026-03-08' }),
      recorded(2n, 'ResultPublished', { publicationId: 'pub-r', covers: 'result', postedFrom: '2026-03-05', postedUntil: '2026-03-20', channels: ['public_board'], contentHash: 'h', due: '2026-03-08' }),
      recorded(3n, 'ImplementationCompleted', { publicationDue: '2026-06-10', resultsHash: 'h', satisfaction: { satisfied: 1, neutral: 0, dissatisfied: 0 }, channels: [], postedFrom: '2026-06-01', postedUntil: '2026-06-16' }),
      recorded(4n, 'ConsultationDeadlineMissed', { step: 'implementation_publication', rule: 'CS-12', dueOn: '2026-06-10', detectedOn: '2026-06-11' }),
    ]);
    expect(row!.obligations.map((o) => [o.obligationId, o.coveredBy?.publicationId ?? null, o.missRecordedBy?.eventId ?? null])).toEqual([
      ['consultation:cs-1/result', 'pub-r', null],
      ['consultation:cs-1/implementation', null, 'e-4'],
    ]);
  });
  it('urban communities: PD-5; other consultation events are ignored', () => {
    const urban = recorded(0n, 'OpinionsSolicited', { communityId: 'c-2', townshipId: 't', localityId: 't', communityKind: 'urban_community', timeZone: 'Asia/Shanghai' });
    expect(fold([urban, recorded(1n, 'MeetingDecisionRecorded', { publicationDue: '2026-03-08', adopted: true })])!.obligations[0]).toMatchObject({ rule: 'PD-5' });
    expect(key(recorded(1n, 'TopicProposed', {}))).toBeNull();
  });
});
