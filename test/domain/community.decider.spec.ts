import { DeciderSpecification } from '../support/decider-specification';
import {
  AuthorisationNotGranted,
  communityDecider,
  CommunityNotRegistered,
  RepresentativeCompositionViolation,
  rosterFor,
  type CommunityCommand,
  type CommunityEvent,
} from '../../src/domain/community';
import { IllegalStateError, NotFoundError, ValidationError } from '../../src/domain/shared';
import { meta } from './meeting.mother';

const spec = DeciderSpecification.for(communityDecider);

const register = (kind: 'village' | 'urban_community' = 'village'): CommunityCommand => ({
  type: 'RegisterCommunity',
  data: { communityId: 'c-1', kind, name: '东风村', townshipRef: 'township-7', districtRef: 'district-2', timeZone: 'Asia/Shanghai' },
  metadata: meta('2026-01-02T09:00:00+08:00'),
});
const term: CommunityCommand = {
  type: 'StartCommitteeTerm',
  data: { communityId: 'c-1', termId: 't-12', termNumber: 12, startsOn: '2026-01-01', endsOn: '2030-12-31' },
  metadata: meta('2026-01-03T09:00:00+08:00'),
};
const census = (snapshotId: string, effectiveFrom: string, households = 300, at = '2026-01-04T09:00:00+08:00', village = true): CommunityCommand => ({
  type: 'RecordCensusSnapshot',
  data: { communityId: 'c-1', snapshotId, effectiveFrom, adults: 900, households, villageGroups: village ? [{ groupId: 'g-1', adults: 120, households: 40 }] : [] },
  metadata: meta(at),
});
const constitute = (over: Partial<Extract<CommunityCommand, { type: 'ConstituteRepresentativeMeeting' }>['data']> = {}): CommunityCommand => ({
  type: 'ConstituteRepresentativeMeeting',
  data: { communityId: 'c-1', constitutionId: 'rc-1', termId: 't-12', effectiveFrom: '2026-02-01', committeeMembers: 5, representatives: 25, womenMembers: 10, selection: 'by_households', ...over },
  metadata: meta('2026-02-01T09:00:00+08:00'),
});

const run = (...commands: CommunityCommand[]): CommunityEvent[] => {
  const events: CommunityEvent[] = [];
  let state = communityDecider.initialState();
  for (const c of commands) {
    const produced = communityDecider.decide(c, state);
    for (const e of produced) state = communityDecider.evolve(state, e);
    events.push(...produced);
  }
  return events;
};

describe('community: registration, terms, census', () => {
  it('registers a village once: registering it again, with the same body or another kind, is a state conflict', () => {
    expect(spec.given([]).when(register()).events()[0]).toMatchObject({ type: 'CommunityRegistered', data: { kind: 'village', townshipRef: 'township-7' } });
    spec.given(run(register())).when(register()).thenThrows(IllegalStateError, { code: 'COMMUNITY.ALREADY_REGISTERED' });
    spec.given(run(register())).when(register('urban_community')).thenThrows(IllegalStateError, { code: 'COMMUNITY.ALREADY_REGISTERED' });
  });

  it('nothing is recorded for an unregistered community', () => {
    spec.given([]).when(term).thenThrows(CommunityNotRegistered, { code: 'COMMUNITY.NOT_REGISTERED' });
  });

  it('VM-1: census snapshots are dated; the one in force on a meeting date is used for the quorum', () => {
    const events = run(register(), term, census('s-1', '2026-01-01', 300), census('s-2', '2026-06-01', 310, '2026-05-01T09:00:00+08:00'));
    const state = events.reduce(communityDecider.evolve, communityDecider.initialState());
    expect(rosterFor(state, 'villagers_meeting', '2026-05-31')).toMatchObject({ sourceId: 's-1', households: 300, adults: 900 });
    expect(rosterFor(state, 'villagers_meeting', '2026-06-01')).toMatchObject({ sourceId: 's-2', households: 310 });
    expect(rosterFor(state, 'villagers_meeting', '2025-12-31')).toBeNull();
    expect(rosterFor(state, 'village_group_meeting', '2026-05-31', 'g-1')).toMatchObject({ adults: 120, households: 40 });
  });

  it('VM-1: a census with negative counts is refused', () => {
    spec
      .given(run(register()))
      .when({ type: 'RecordCensusSnapshot', data: { communityId: 'c-1', snapshotId: 's-1', effectiveFrom: '2026-01-01', adults: -1, households: 3 }, metadata: meta('2026-01-04T09:00:00+08:00') })
      .thenThrows(ValidationError, { code: 'COMMUNITY.INVALID_INPUT' });
  });
});

describe('community: representative meeting constitution', () => {
  const base = () => run(register(), term, census('s-1', '2026-01-01', 300));

  it('VM-9: 25 representatives of 30 members (5*25 >= 4*30), 10 women (3*10 >= 30), 12 households each: allowed', () => {
    expect(spec.given(base()).when(constitute()).events()[0]).toMatchObject({ type: 'RepresentativeMeetingConstituted', data: { householdsAtConstitution: 300, ruleText: '2025' } });
  });

  it('VM-9: representatives below 4/5 of members are refused (24 of 30 is the boundary)', () => {
    expect(spec.given(base()).when(constitute({ committeeMembers: 6, representatives: 24 })).events()).toHaveLength(1);
    spec.given(base()).when(constitute({ committeeMembers: 7, representatives: 24, womenMembers: 11 })).thenThrows(RepresentativeCompositionViolation, { code: 'COMMUNITY.REPRESENTATIVES_SHARE_TOO_LOW', rule: 'VM-9' });
  });

  it('VM-9: women below 1/3 of members are refused (9 of 30)', () => {
    spec.given(base()).when(constitute({ womenMembers: 9 })).thenThrows(RepresentativeCompositionViolation, { code: 'COMMUNITY.WOMEN_SHARE_TOO_LOW', rule: 'VM-9' });
  });

  it('VM-9: one representative per 5 to 15 households (300 households: 20..60 representatives)', () => {
    spec.given(base()).when(constitute({ committeeMembers: 4, representatives: 19, womenMembers: 8 })).thenThrows(RepresentativeCompositionViolation, { code: 'COMMUNITY.HOUSEHOLDS_PER_REPRESENTATIVE_OUT_OF_RANGE' });
    expect(spec.given(base()).when(constitute({ committeeMembers: 5, representatives: 20, womenMembers: 9 })).events()).toHaveLength(1);
    expect(spec.given(base()).when(constitute({ committeeMembers: 4, representatives: 19, womenMembers: 8, selection: 'by_groups' })).events()).toHaveLength(1);
  });

  it('RM-4/RM-6: urban: no women quota; 20-50 households per representative, a recorded reason allows another ratio', () => {
    const urban = run(register('urban_community'), term, census('s-1', '2026-01-01', 3000, '2026-01-04T09:00:00+08:00', false));
    expect(spec.given(urban).when(constitute({ committeeMembers: 7, representatives: 60, womenMembers: 0 })).events()).toHaveLength(1);
    spec.given(urban).when(constitute({ committeeMembers: 7, representatives: 59, womenMembers: 0 })).thenThrows(RepresentativeCompositionViolation, { rule: 'RM-6' });
    expect(spec.given(urban).when(constitute({ committeeMembers: 7, representatives: 59, womenMembers: 0, deviationReason: 'high-rise estate' })).events()[0]).toMatchObject({ data: { deviationReason: 'high-rise estate' } });
    spec.given(urban).when(constitute({ committeeMembers: 16, representatives: 60, womenMembers: 0 })).thenThrows(RepresentativeCompositionViolation, { rule: 'RM-4' });
  });

  it('VM-9: the representatives serve within the committee term', () => {
    spec.given(base()).when(constitute({ termId: 't-x' })).thenThrows(NotFoundError, { code: 'COMMUNITY.UNKNOWN_TERM' });
    spec.given(base()).when(constitute({ effectiveFrom: '2031-01-01' })).thenThrows(RepresentativeCompositionViolation, { code: 'COMMUNITY.OUTSIDE_COMMITTEE_TERM' });
  });

  it('VM-10: the representative meeting roster counts committee members plus representatives', () => {
    const state = run(register(), term, census('s-1', '2026-01-01', 300), constitute()).reduce(communityDecider.evolve, communityDecider.initialState());
    expect(rosterFor(state, 'village_representatives_meeting', '2026-03-01')).toMatchObject({ sourceId: 'rc-1', members: 30, representatives: 25 });
    expect(rosterFor(state, 'village_representatives_meeting', '2026-01-15')).toBeNull();
  });
});

describe('community: representative meeting authorisation (VM-6)', () => {
  const authorise = (meetingKind: 'villagers_meeting' | 'village_representatives_meeting', outcome: 'adopted' | 'rejected' = 'adopted'): CommunityCommand => ({
    type: 'RecordRepresentativeMeetingAuthorisation',
    data: {
      communityId: 'c-1',
      authorisationId: 'a-1',
      matterTypes: ['key_assistance'],
      validFrom: '2026-03-01',
      validUntil: '2026-12-31',
      grantingDecision: { meetingId: 'm-1', itemId: 'i-1', meetingKind, outcome, status: 'in_force' },
    },
    metadata: meta('2026-03-12T09:00:00+08:00'),
  });

  it('VM-6: an adopted villagers meeting decision authorises the representative meeting', () => {
    expect(spec.given(run(register())).when(authorise('villagers_meeting')).events()[0]).toMatchObject({ type: 'RepresentativeMeetingAuthorised', data: { grantedByMeetingId: 'm-1', matterTypes: ['key_assistance'] } });
  });

  it('VM-6: a representative meeting cannot authorise itself; a rejected motion authorises nothing', () => {
    spec.given(run(register())).when(authorise('village_representatives_meeting')).thenThrows(AuthorisationNotGranted, { rule: 'VM-6' });
    spec.given(run(register())).when(authorise('villagers_meeting', 'rejected')).thenThrows(AuthorisationNotGranted, { rule: 'VM-6' });
  });
});
