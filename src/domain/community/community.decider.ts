import { assertNever, isIsoDate, isTimeZone, organicLawTextOn, type Decider, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable, atLeastFraction, isCount, plenaryOf, reservedMatterRule, MATTER_TYPES, type CommunityKind } from '../rules';
import type { CommunityCommand, ConstituteRepresentativeMeeting, RecordCensusSnapshot, RecordRepresentativeMeetingAuthorisation, RegisterCommunity, StartCommitteeTerm } from './community.commands';
import type {
  CensusSnapshotRecorded,
  CommitteeTermStarted,
  CommunityEvent,
  CommunityRegistered,
  RepresentativeMeetingAuthorised,
  RepresentativeMeetingConstituted,
} from './community.events';
import { recordMeetingCadenceMissed } from './community.cadence';
import { recordOfficeHolders } from './community.office-holders';
import { censusInForceOn, evolve, initialState, type Community, type Registered } from './community.state';
import {
  AuthorisationNotGranted,
  CommunityAlreadyRegistered,
  CommunityNotRegistered,
  NoCensusInForce,
  RepresentativeCompositionViolation,
  UnknownCommitteeTerm,
  communityInvalid,
} from './community.errors';

////////// Decide

const requireRegistered = (state: Community, communityId: string): Registered => {
  if (state.status !== 'Registered') throw new CommunityNotRegistered(communityId);
  return state;
};

const dateProblems = (fields: Record<string, string | undefined>): FieldProblem[] =>
  Object.entries(fields)
    .filter(([, v]) => v !== undefined && !isIsoDate(v))
    .map(([field]) => ({ field, message: 'must be a date YYYY-MM-DD' }));

const countProblems = (fields: Record<string, unknown>): FieldProblem[] =>
  Object.entries(fields)
    .filter(([, v]) => !isCount(v))
    .map(([field]) => ({ field, message: 'must be a non-negative integer' }));

export const registerCommunity = (command: RegisterCommunity, state: Community): CommunityRegistered[] => {
  const d = command.data;
  // A community is registered once: a retry of the same registration carries the same command id and
  // gets its first 201 from the command ledger (docs/api.md "Idempotency-Key"); a new command id that
  // registers it again, with whatever body, is a state conflict.
  if (state.status === 'Registered') throw new CommunityAlreadyRegistered(d.communityId);
  const problems: FieldProblem[] = [];
  if (d.kind !== 'village' && d.kind !== 'urban_community') problems.push({ field: 'kind', message: 'village or urban_community' });
  if (!isTimeZone(d.timeZone)) problems.push({ field: 'timeZone', message: 'unknown IANA time zone' });
  if (d.name.trim() === '') problems.push({ field: 'name', message: 'required' });
  if (problems.length > 0) throw communityInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'COMMUNITY');
  return [{ type: 'CommunityRegistered', data: { ...d, occurredAt } }];
};

export const startCommitteeTerm = (command: StartCommitteeTerm, state: Community): CommitteeTermStarted[] => {
  const s = requireRegistered(state, command.data.communityId);
  const d = command.data;
  if (s.terms.some((t) => t.termId === d.termId)) return [];
  const problems = [...dateProblems({ startsOn: d.startsOn, endsOn: d.endsOn }), ...countProblems({ termNumber: d.termNumber })];
  if (problems.length === 0 && d.endsOn <= d.startsOn) problems.push({ field: 'endsOn', message: 'must be after startsOn' });
  if (problems.length > 0) throw communityInvalid(problems);
  const previous = s.terms[s.terms.length - 1];
  if (previous !== undefined && (d.termNumber <= previous.termNumber || d.startsOn < previous.startsOn)) {
    throw communityInvalid([{ field: 'termNumber', message: `terms follow each other; last is term ${previous.termNumber} from ${previous.startsOn}` }]);
  }
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'COMMUNITY');
  return [{ type: 'CommitteeTermStarted', data: { ...d, occurredAt } }];
};

export const recordCensusSnapshot = (command: RecordCensusSnapshot, state: Community): CensusSnapshotRecorded[] => {
  const s = requireRegistered(state, command.data.communityId);
  const d = command.data;
  if (s.censuses.some((c) => c.snapshotId === d.snapshotId)) return [];
  const villageGroups = d.villageGroups ?? [];
  const problems = [
    ...dateProblems({ effectiveFrom: d.effectiveFrom }),
    ...countProblems({ adults: d.adults, households: d.households, residentGroups: d.residentGroups ?? 0 }),
    ...villageGroups.flatMap((g, i) => countProblems({ [`villageGroups[${i}].adults`]: g.adults, [`villageGroups[${i}].households`]: g.households })),
  ];
  if (s.kind === 'urban_community' && villageGroups.length > 0) problems.push({ field: 'villageGroups', message: 'only villages have village groups' });
  if (new Set(villageGroups.map((g) => g.groupId)).size !== villageGroups.length) problems.push({ field: 'villageGroups', message: 'duplicate groupId' });
  if (s.censuses.some((c) => c.effectiveFrom === d.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'a snapshot is already in force from this date' });
  if (problems.length > 0) throw communityInvalid(problems);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'COMMUNITY');
  return [
    {
      type: 'CensusSnapshotRecorded',
      data: { communityId: d.communityId, snapshotId: d.snapshotId, effectiveFrom: d.effectiveFrom, adults: d.adults, households: d.households, villageGroups, residentGroups: d.residentGroups ?? 0, occurredAt },
    },
  ];
};

/** VM-9 (village) / RM-4 + RM-6 (urban): composition checks, in integers. */
const checkComposition = (kind: CommunityKind, d: ConstituteRepresentativeMeeting['data'], households: number): void => {
  const members = d.committeeMembers + d.representatives;
  const rule = kind === 'village' ? 'VM-9' : 'RM-4';
  const details = { members, representatives: d.representatives, womenMembers: d.womenMembers, households };
  if (!atLeastFraction(d.representatives, members, 4, 5)) {
    throw new RepresentativeCompositionViolation('REPRESENTATIVES_SHARE_TOO_LOW', `Representatives must be at least 4/5 of the ${members} members (5*reps >= 4*members)`, rule, details);
  }
  if (kind === 'village' && !atLeastFraction(d.womenMembers, members, 1, 3)) {
    throw new RepresentativeCompositionViolation('WOMEN_SHARE_TOO_LOW', `Women must be at least 1/3 of the ${members} members (3*women >= members)`, 'VM-9', details);
  }
  if (d.selection !== 'by_households') return;
  const [low, high, ratioRule] = kind === 'village' ? [5, 15, 'VM-9'] : [20, 50, 'RM-6'];
  const inRange = high * d.representatives >= households && low * d.representatives <= households;
  if (inRange) return;
  // RM-6 says "一般" (generally): a recorded reason allows another ratio; VM-9's range is firm.
  if (kind === 'urban_community' && d.deviationReason !== undefined && d.deviationReason.trim() !== '') return;
  throw new RepresentativeCompositionViolation('HOUSEHOLDS_PER_REPRESENTATIVE_OUT_OF_RANGE', `Each representative must stand for ${low} to ${high} households`, ratioRule, details);
};

export const constituteRepresentativeMeeting = (command: ConstituteRepresentativeMeeting, state: Community): RepresentativeMeetingConstituted[] => {
  const s = requireRegistered(state, command.data.communityId);
  const d = command.data;
  if (s.constitutions.some((c) => c.constitutionId === d.constitutionId)) return [];
  const problems = [
    ...dateProblems({ effectiveFrom: d.effectiveFrom, ruleSwitchDate: d.ruleSwitchDate }),
    ...countProblems({ committeeMembers: d.committeeMembers, representatives: d.representatives, womenMembers: d.womenMembers }),
  ];
  if (problems.length === 0 && d.womenMembers > d.committeeMembers + d.representatives) problems.push({ field: 'womenMembers', message: 'more than the members' });
  if (d.selection !== 'by_households' && d.selection !== 'by_groups') problems.push({ field: 'selection', message: 'by_households or by_groups' });
  if (d.representatives === 0) problems.push({ field: 'representatives', message: 'must be at least 1' });
  if (problems.length > 0) throw communityInvalid(problems);
  const term = s.terms.find((t) => t.termId === d.termId);
  if (term === undefined) throw new UnknownCommitteeTerm(d.termId);
  if (d.effectiveFrom < term.startsOn || d.effectiveFrom > term.endsOn) {
    throw new RepresentativeCompositionViolation('OUTSIDE_COMMITTEE_TERM', `The representatives' term is the committee's (${term.startsOn}..${term.endsOn})`, s.kind === 'village' ? 'VM-9' : 'RM-6', { termId: term.termId });
  }
  const census = censusInForceOn(s, d.effectiveFrom);
  if (census === null) throw new NoCensusInForce(d.effectiveFrom, s.kind === 'village' ? 'VM-9' : 'RM-6');
  checkComposition(s.kind, d, census.households);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'COMMUNITY');
  return [
    {
      type: 'RepresentativeMeetingConstituted',
      data: {
        communityId: d.communityId,
        constitutionId: d.constitutionId,
        termId: d.termId,
        effectiveFrom: d.effectiveFrom,
        committeeMembers: d.committeeMembers,
        representatives: d.representatives,
        womenMembers: d.womenMembers,
        selection: d.selection,
        householdsAtConstitution: census.households,
        deviationReason: d.deviationReason?.trim() || null,
        ruleText: organicLawTextOn(d.effectiveFrom, d.ruleSwitchDate),
        occurredAt,
      },
    },
  ];
};

export const recordAuthorisation = (command: RecordRepresentativeMeetingAuthorisation, state: Community): RepresentativeMeetingAuthorised[] => {
  const s = requireRegistered(state, command.data.communityId);
  const d = command.data;
  if (s.authorisations.some((a) => a.authorisationId === d.authorisationId)) return [];
  const problems = dateProblems({ validFrom: d.validFrom, validUntil: d.validUntil });
  if (d.matterTypes.length === 0 || d.matterTypes.some((m) => !MATTER_TYPES.includes(m))) problems.push({ field: 'matterTypes', message: 'one or more known matter types' });
  if (problems.length === 0 && d.validUntil !== undefined && d.validUntil < d.validFrom) problems.push({ field: 'validUntil', message: 'before validFrom' });
  if (problems.length > 0) throw communityInvalid(problems);
  const rule = reservedMatterRule(s.kind);
  const g = d.grantingDecision;
  const plenary = s.kind === 'village' ? 'villagers_meeting' : 'residents_meeting';
  if (g.meetingKind !== plenaryOf(s.kind === 'village' ? 'village_representatives_meeting' : 'residents_representatives_meeting')) {
    throw new AuthorisationNotGranted(`Only the ${plenary} may authorise the representative meeting`, rule);
  }
  if (g.outcome !== 'adopted' || g.status === 'revoked') throw new AuthorisationNotGranted('The granting decision is not adopted and in force', rule);
  const occurredAt = assertOccurredAtAcceptable(command.metadata, s.lastOccurredAt, 'COMMUNITY');
  return [
    {
      type: 'RepresentativeMeetingAuthorised',
      data: {
        communityId: d.communityId,
        authorisationId: d.authorisationId,
        matterTypes: d.matterTypes,
        grantedByMeetingId: g.meetingId,
        grantedByItemId: g.itemId,
        validFrom: d.validFrom,
        validUntil: d.validUntil ?? null,
        occurredAt,
      },
    },
  ];
};

export const decide = (command: CommunityCommand, state: Community): CommunityEvent[] => {
  const { type } = command;
  switch (type) {
    case 'RegisterCommunity':
      return registerCommunity(command, state);
    case 'StartCommitteeTerm':
      return startCommitteeTerm(command, state);
    case 'RecordCensusSnapshot':
      return recordCensusSnapshot(command, state);
    case 'ConstituteRepresentativeMeeting':
      return constituteRepresentativeMeeting(command, state);
    case 'RecordRepresentativeMeetingAuthorisation':
      return recordAuthorisation(command, state);
    case 'RecordMeetingCadenceMissed':
      return recordMeetingCadenceMissed(command, state);
    case 'RecordOfficeHolders':
      return recordOfficeHolders(command, state);
    default: {
      const _notExisting: never = type;
      return assertNever(_notExisting);
    }
  }
};

export const communityDecider: Decider<Community, CommunityCommand, CommunityEvent> = { initialState, evolve, decide };
export * from './community.state';
