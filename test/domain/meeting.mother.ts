import type { CommandMetadata } from '../../src/domain/shared';
import type { CommunityKind, MeetingKind } from '../../src/domain/rules';
import type { MeetingCommand, MeetingEvent, RosterFact } from '../../src/domain/meeting';
import { meetingDecider } from '../../src/domain/meeting';

/** Test mothers for meeting specs. Times are Asia/Shanghai (+08:00). */
export const TZ = 'Asia/Shanghai';

export const meta = (occurredAt: string, roles: readonly string[] = ['villagers_committee'], now = '2030-01-01T00:00:00Z'): CommandMetadata => ({
  now: new Date(now),
  occurredAt: new Date(occurredAt),
  actorId: 'actor-1',
  actorRoles: roles,
});

export const roster = (r: Partial<RosterFact> = {}): RosterFact => ({
  sourceId: 'census-1',
  effectiveFrom: '2020-01-01',
  adults: 100,
  households: 30,
  members: 30,
  representatives: 25,
  residentGroups: 5,
  ...r,
});

export const communityKindFor = (kind: MeetingKind): CommunityKind =>
  kind === 'residents_meeting' || kind === 'residents_representatives_meeting' ? 'urban_community' : 'village';

/** The convener's role by meeting kind (VM-2, VM-10, VM-11, RM-2, RM-4), scoped as the edge would pass it. */
export const convenerRoleFor = (kind: MeetingKind): string =>
  kind === 'village_group_meeting' ? 'village_group_leader@community:c-1' : communityKindFor(kind) === 'village' ? 'villagers_committee@community:c-1' : 'residents_committee@community:c-1';

type Cmd<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>;

export const convene = (
  noticeAt: string,
  scheduledFor: string,
  over: Partial<Cmd<'ConveneMeeting'>['data']> = {},
): Cmd<'ConveneMeeting'> => {
  const kind = over.kind ?? 'villagers_meeting';
  return {
    type: 'ConveneMeeting',
    data: { meetingId: 'm-1', communityId: 'c-1', communityKind: communityKindFor(kind), kind, scheduledFor, timeZone: TZ, roster: roster(), ...over },
    metadata: meta(noticeAt, [convenerRoleFor(kind)]),
  };
};

export const petition = (at: string, signers: number, over: Partial<Cmd<'PetitionToConvene'>['data']> = {}): Cmd<'PetitionToConvene'> => {
  const kind = over.kind ?? 'villagers_meeting';
  return {
    type: 'PetitionToConvene',
    data: {
      meetingId: 'm-1',
      communityId: 'c-1',
      communityKind: communityKindFor(kind),
      kind,
      petitionId: 'p-1',
      basis: 'adults',
      signerRefs: Array.from({ length: signers }, (_, i) => `person-${i}`),
      roster: roster(),
      timeZone: TZ,
      ...over,
    },
    metadata: meta(at),
  };
};

export const agendaItem = (at: string, over: Partial<Cmd<'AddAgendaItem'>['data']> = {}): Cmd<'AddAgendaItem'> => ({
  type: 'AddAgendaItem',
  data: { meetingId: 'm-1', itemId: 'i-1', title: 'Road repair', matterType: 'other', ...over },
  metadata: meta(at),
});

export const attendance = (at: string, present: number, over: Partial<Cmd<'RecordAttendance'>['data']> = {}): Cmd<'RecordAttendance'> => ({
  type: 'RecordAttendance',
  data: { meetingId: 'm-1', present, ...over },
  metadata: meta(at),
});

export const vote = (at: string, yes: number, no: number, abstain = 0, itemId = 'i-1'): Cmd<'RecordVote'> => ({
  type: 'RecordVote',
  data: { meetingId: 'm-1', itemId, yes, no, abstain },
  metadata: meta(at),
});

export const deliberation = (at: string, deliberatedOn: string, itemId = 'i-1'): Cmd<'RecordPartyPreDeliberation'> => ({
  type: 'RecordPartyPreDeliberation',
  data: { meetingId: 'm-1', itemId, deliberatedOn, partyOrganisationRef: 'party-branch-1', minutesRef: 'minutes-7' },
  metadata: meta(at),
});

/** Runs commands through the decider and returns the events, so later specs can start from a real history. */
export const history = (...commands: MeetingCommand[]): MeetingEvent[] => {
  const events: MeetingEvent[] = [];
  let state = meetingDecider.initialState();
  for (const command of commands) {
    const produced = meetingDecider.decide(command, state);
    for (const e of produced) state = meetingDecider.evolve(state, e);
    events.push(...produced);
  }
  return events;
};
