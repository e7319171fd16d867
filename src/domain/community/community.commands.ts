import type { Command } from '../shared';
import type { CommunityKind, MatterType, MeetingKind } from '../rules';
import type { RepresentativeSelection, VillageGroupCount } from './community.events';

export type RegisterCommunity = Command<
  'RegisterCommunity',
  { communityId: string; kind: CommunityKind; name: string; townshipRef: string; districtRef: string; timeZone: string }
>;

export type StartCommitteeTerm = Command<
  'StartCommitteeTerm',
  { communityId: string; termId: string; termNumber: number; startsOn: string; endsOn: string }
>;

export type RecordCensusSnapshot = Command<
  'RecordCensusSnapshot',
  {
    communityId: string;
    snapshotId: string;
    effectiveFrom: string;
    adults: number;
    households: number;
    villageGroups?: readonly VillageGroupCount[];
    residentGroups?: number;
  }
>;

export type ConstituteRepresentativeMeeting = Command<
  'ConstituteRepresentativeMeeting',
  {
    communityId: string;
    constitutionId: string;
    termId: string;
    effectiveFrom: string;
    committeeMembers: number;
    representatives: number;
    womenMembers: number;
    selection: RepresentativeSelection;
    deviationReason?: string;
    /** Configuration: the 2025 texts' effective date (default 2026-01-01). */
    ruleSwitchDate?: string;
  }
>;

/** The granting decision is an outside fact resolved by the application from the meeting's stream. */
export type RecordRepresentativeMeetingAuthorisation = Command<
  'RecordRepresentativeMeetingAuthorisation',
  {
    communityId: string;
    authorisationId: string;
    matterTypes: readonly MatterType[];
    validFrom: string;
    validUntil?: string;
    grantingDecision: Readonly<{ meetingId: string; itemId: string; meetingKind: MeetingKind; outcome: 'adopted' | 'rejected'; status: 'in_force' | 'corrected' | 'revoked' }>;
  }
>;

/**
 * Sent by the watchdog (role `watchdog`): no meeting of `meetingKind` was held in `period`
 * (VM-4 yearly '2026', VM-10 quarterly '2026-Q1', RM-4 half-yearly '2026-H1'), which ended on `dueBy`.
 * `heldOn` is an outside fact: the dates meetings of that kind were held (meeting-cadence read model).
 */
export type RecordMeetingCadenceMissed = Command<
  'RecordMeetingCadenceMissed',
  {
    communityId: string;
    meetingKind: MeetingKind;
    period: string;
    dueBy: string;
    heldOn: readonly string[];
    /** Configuration: the 2025 texts' effective date (default 2026-01-01). */
    ruleSwitchDate?: string;
  }
>;

/** The posts of a committee term from a date (SV-3, SV-10 facts); a full snapshot. */
export type RecordOfficeHolders = Command<
  'RecordOfficeHolders',
  { communityId: string; termId: string; recordId: string; effectiveFrom: string; holders: readonly Readonly<{ personRef: string; post: string }>[]; knownPosts: readonly string[] }
>;

export type CommunityCommand =
  | RegisterCommunity
  | StartCommitteeTerm
  | RecordCensusSnapshot
  | ConstituteRepresentativeMeeting
  | RecordRepresentativeMeetingAuthorisation
  | RecordMeetingCadenceMissed
  | RecordOfficeHolders;
