import type { Event } from '../shared';
import type { CommunityKind, MatterType, MeetingKind } from '../rules';

/** 村 or 社区 under a township/street and a district (county). Names of places are not personal data. */
export type CommunityRegistered = Event<
  'CommunityRegistered',
  { communityId: string; kind: CommunityKind; name: string; townshipRef: string; districtRef: string; timeZone: string; occurredAt: string }
>;

/** A committee term (届); the representative meeting's term follows it (VM-9, RM-6). */
export type CommitteeTermStarted = Event<
  'CommitteeTermStarted',
  { communityId: string; termId: string; termNumber: number; startsOn: string; endsOn: string; occurredAt: string }
>;

export type VillageGroupCount = Readonly<{ groupId: string; adults: number; households: number }>;

/** Dated roster counts (VM-1, RM-1): a meeting's quorum uses the snapshot in force on the meeting date. */
export type CensusSnapshotRecorded = Event<
  'CensusSnapshotRecorded',
  {
    communityId: string;
    snapshotId: string;
    effectiveFrom: string;
    adults: number;
    households: number;
    villageGroups: readonly VillageGroupCount[];
    residentGroups: number;
    occurredAt: string;
  }
>;

export type RepresentativeSelection = 'by_households' | 'by_groups';

/** Composition of the 村民代表会议 / 居民代表会议, checked against VM-9 / RM-4 / RM-6 when recorded. */
export type RepresentativeMeetingConstituted = Event<
  'RepresentativeMeetingConstituted',
  {
    communityId: string;
    constitutionId: string;
    termId: string;
    effectiveFrom: string;
    committeeMembers: number;
    representatives: number;
    womenMembers: number;
    selection: RepresentativeSelection;
    householdsAtConstitution: number;
    /** RM-6 says "一般" (generally): a ratio outside 20-50 households is allowed with a recorded reason. */
    deviationReason: string | null;
    ruleText: '2018' | '2025';
    occurredAt: string;
  }
>;

/** The plenary meeting authorised the representative meeting to decide these matters (VM-6, RM-7). */
export type RepresentativeMeetingAuthorised = Event<
  'RepresentativeMeetingAuthorised',
  {
    communityId: string;
    authorisationId: string;
    matterTypes: readonly MatterType[];
    grantedByMeetingId: string;
    grantedByItemId: string;
    validFrom: string;
    validUntil: string | null;
    occurredAt: string;
  }
>;

/** Recorded by the watchdog: a cadence period ended with no meeting of that kind held (VM-4, VM-10, RM-4). */
export type MeetingCadenceMissed = Event<
  'MeetingCadenceMissed',
  { communityId: string; meetingKind: MeetingKind; period: string; rule: CadenceRuleId; dueBy: string; detectedOn: string; occurredAt: string }
>;

export type CadenceRuleId = 'VM-4' | 'VM-10' | 'RM-4';

/**
 * Who holds which post in a committee term from `effectiveFrom` (a full snapshot that replaces the
 * previous one): the facts SV-3 / SV-10 eligibility of the supervision committee is judged by.
 */
export type OfficeHoldersRecorded = Event<
  'OfficeHoldersRecorded',
  { communityId: string; termId: string; recordId: string; effectiveFrom: string; holders: readonly OfficeHolder[]; occurredAt: string }
>;

export type OfficeHolder = Readonly<{ personRef: string; post: string }>;

export type CommunityEvent =
  | CommunityRegistered
  | CommitteeTermStarted
  | CensusSnapshotRecorded
  | RepresentativeMeetingConstituted
  | RepresentativeMeetingAuthorised
  | MeetingCadenceMissed
  | OfficeHoldersRecorded;

export const CommunityEventSchema = {
  CommunityRegistered: 1,
  CommitteeTermStarted: 1,
  CensusSnapshotRecorded: 1,
  RepresentativeMeetingConstituted: 1,
  RepresentativeMeetingAuthorised: 1,
  MeetingCadenceMissed: 1,
  OfficeHoldersRecorded: 1,
} as const satisfies Record<CommunityEvent['type'], number>;

export const toCommunityStreamId = (communityId: string): string => `community-${communityId}`;
