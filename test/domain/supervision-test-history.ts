import { CIVIL_CODE_NEAR_RELATIVES, supervisionDecider, type SupervisionCommand, type SupervisionEvent } from '../../src/domain/supervision';

/** A village c-1 with a supervision committee in office from 2026-01-20 to 2030-12-31, and helpers to run commands on it. */
export const meta = (occurredAt: string, roles: readonly string[] = ['supervision_committee@community:c-1']) => ({ now: new Date('2026-12-31T00:00:00Z'), occurredAt: new Date(occurredAt), actorId: 'p-a', actorRoles: [...roles] });

export const committeeHistory: readonly SupervisionEvent[] = supervisionDecider.decide({
  type: 'ConstituteSupervisionCommittee',
  data: {
    communityId: 'c-1', committeeId: 'svc-1', termId: 't', community: { kind: 'village', terms: [{ termId: 't', startsOn: '2026-01-01', endsOn: '2030-12-31' }] },
    members: [{ personRef: 'p-a', role: 'director', competences: ['finance'], basis: 'villager' }, { personRef: 'p-b', role: 'member', competences: [], basis: 'villager' }, { personRef: 'p-c', role: 'member', competences: [], basis: 'villager' }],
    decision: { meetingId: 'm-0', itemId: 'e', communityId: 'c-1', meetingKind: 'villagers_meeting', adopted: true, status: 'in_force', decidedOn: '2026-01-20' },
    eligibility: { officeHolders: { recordId: null, holders: [] }, nearRelativeRelations: CIVIL_CODE_NEAR_RELATIVES, extendedExclusions: [] },
  },
  metadata: meta('2026-01-21T09:00:00+08:00'),
} as SupervisionCommand, supervisionDecider.initialState());

export const cmd = (type: string, data: Record<string, unknown>, occurredAt = '2026-03-01T09:00:00+08:00'): SupervisionCommand =>
  ({ type, data: { communityId: 'c-1', timeZone: 'Asia/Shanghai', ...data }, metadata: meta(occurredAt) }) as unknown as SupervisionCommand;

export const run = (history: readonly SupervisionEvent[], ...commands: SupervisionCommand[]): SupervisionEvent[] =>
  commands.reduce<SupervisionEvent[]>((h, c) => [...h, ...supervisionDecider.decide(c, h.reduce(supervisionDecider.evolve, supervisionDecider.initialState()))], [...history]);
