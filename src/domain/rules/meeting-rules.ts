/**
 * Quorum, majority, petition and notice rules of the organic laws, effective-dated by text
 * (domain-rules.md §1). The caller picks the text with organicLawTextOn(localDate, switchDate).
 */
import type { OrganicLawText } from '../shared/legal-calendar';
import { atLeastFraction, moreThanHalf } from './thresholds';

export const MEETING_KINDS = [
  'villagers_meeting', // 村民会议
  'village_representatives_meeting', // 村民代表会议
  'village_group_meeting', // 村民小组会议
  'residents_meeting', // 居民会议
  'residents_representatives_meeting', // 居民代表会议
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export type CommunityKind = 'village' | 'urban_community';

export const communityKindOf = (kind: MeetingKind): CommunityKind =>
  kind === 'residents_meeting' || kind === 'residents_representatives_meeting' ? 'urban_community' : 'village';

export const isRepresentativeMeeting = (kind: MeetingKind): boolean =>
  kind === 'village_representatives_meeting' || kind === 'residents_representatives_meeting';

/** The plenary meeting whose authorisation a representative meeting needs (VM-6, RM-7). */
export const plenaryOf = (kind: MeetingKind): MeetingKind | null =>
  kind === 'village_representatives_meeting' ? 'villagers_meeting' : kind === 'residents_representatives_meeting' ? 'residents_meeting' : null;

/** The denominators a quorum is counted against; the snapshot in force on the meeting date (VM-1, RM-1). */
export type Roster = Readonly<{
  /** Adults (18+) of the village/community, or of the village group for a group meeting. */
  adults: number;
  households: number;
  /** Composition of the representative meeting: committee members + representatives (VM-9, RM-4). */
  members: number;
  representatives: number;
  /** 2018 residents' text only: number of 居民小组 (RM-2 2018 petition basis). */
  residentGroups: number;
}>;

export type Attendance = Readonly<{
  /** Persons present who count: adults, household representatives, or composition members. Never observers. */
  present: number;
  /** Households represented by a household representative (VM-5, VM-11, RM-3 household mode). */
  householdsRepresented: number;
  /** 列席 observers: recorded apart, never counted (RM-4). */
  observers: number;
}>;

/** How a residents' meeting is composed (RM-3): all adult residents, or one representative per household. */
export type ResidentsMeetingMode = 'adults' | 'households';

export type RuleCheck = Readonly<{ met: boolean; rule: string; formula: string }>;

/** Quorum (VM-5, VM-10, VM-11, RM-3, RM-5). Observers are not an argument: they never count. */
export const quorum = (kind: MeetingKind, roster: Roster, attendance: Attendance, mode: ResidentsMeetingMode = 'adults'): RuleCheck => {
  const { present, householdsRepresented } = attendance;
  switch (kind) {
    case 'villagers_meeting':
      return {
        met: moreThanHalf(present, roster.adults) || atLeastFraction(householdsRepresented, roster.households, 2, 3),
        rule: 'VM-5',
        formula: `2*${present} > ${roster.adults} or 3*${householdsRepresented} >= 2*${roster.households}`,
      };
    case 'village_group_meeting':
      return {
        met: atLeastFraction(present, roster.adults, 2, 3) || atLeastFraction(householdsRepresented, roster.households, 2, 3),
        rule: 'VM-11',
        formula: `3*${present} >= 2*${roster.adults} or 3*${householdsRepresented} >= 2*${roster.households}`,
      };
    case 'village_representatives_meeting':
      return { met: atLeastFraction(present, roster.members, 2, 3), rule: 'VM-10', formula: `3*${present} >= 2*${roster.members}` };
    case 'residents_meeting': {
      const eligible = mode === 'adults' ? roster.adults : roster.households;
      return { met: moreThanHalf(present, eligible), rule: 'RM-3', formula: `2*${present} > ${eligible}` };
    }
    case 'residents_representatives_meeting':
      return { met: atLeastFraction(present, roster.members, 2, 3), rule: 'RM-5', formula: `3*${present} >= 2*${roster.members}` };
  }
};

const ADOPTION_RULE: Record<MeetingKind, string> = {
  villagers_meeting: 'VM-5',
  village_representatives_meeting: 'VM-10',
  village_group_meeting: 'VM-11',
  residents_meeting: 'RM-3',
  residents_representatives_meeting: 'RM-5',
};

/** Adopted if more than half of those present (到会人员 / 到会组成人员) vote yes; same in both texts. */
export const adoption = (kind: MeetingKind, yes: number, present: number): RuleCheck => ({
  met: moreThanHalf(yes, present),
  rule: ADOPTION_RULE[kind],
  formula: `2*${yes} > ${present}`,
});

/** Who may petition to convene, counted against what (VM-2, VM-10, RM-2, RM-4). */
export type PetitionBasis = 'adults' | 'households' | 'representatives' | 'resident_groups';

type PetitionThreshold = Readonly<{ num: number; den: number; rule: string; denominator: keyof Roster }>;

const petitionThreshold = (kind: MeetingKind, text: OrganicLawText, basis: PetitionBasis): PetitionThreshold | null => {
  switch (kind) {
    case 'villagers_meeting':
      if (basis === 'adults') return { num: 1, den: 10, rule: 'VM-2', denominator: 'adults' };
      if (basis === 'representatives') return { num: 1, den: 3, rule: 'VM-2', denominator: 'representatives' };
      return null;
    case 'village_representatives_meeting':
      return basis === 'representatives' ? { num: 1, den: 5, rule: 'VM-10', denominator: 'representatives' } : null;
    case 'residents_meeting':
      if (text === '2018') {
        // 2018 text: 1/5 of residents or households, or 1/3 of resident groups.
        if (basis === 'adults') return { num: 1, den: 5, rule: 'RM-2', denominator: 'adults' };
        if (basis === 'households') return { num: 1, den: 5, rule: 'RM-2', denominator: 'households' };
        if (basis === 'resident_groups') return { num: 1, den: 3, rule: 'RM-2', denominator: 'residentGroups' };
        return null;
      }
      if (basis === 'adults') return { num: 1, den: 10, rule: 'RM-2', denominator: 'adults' };
      if (basis === 'households') return { num: 1, den: 10, rule: 'RM-2', denominator: 'households' };
      if (basis === 'representatives') return { num: 1, den: 3, rule: 'RM-2', denominator: 'representatives' };
      return null;
    case 'residents_representatives_meeting':
      return basis === 'representatives' ? { num: 1, den: 5, rule: 'RM-4', denominator: 'representatives' } : null;
    case 'village_group_meeting':
      return null;
  }
};

export type PetitionCheck = Readonly<{ applicable: boolean; met: boolean; rule: string | null; formula: string; required: number }>;

/** Whether a petition obliges the convener to convene. Not applicable: the law gives this basis no right. */
export const petitionObliges = (kind: MeetingKind, text: OrganicLawText, basis: PetitionBasis, signers: number, roster: Roster): PetitionCheck => {
  const t = petitionThreshold(kind, text, basis);
  if (t === null) return { applicable: false, met: false, rule: null, formula: 'no statutory petition right', required: 0 };
  const n = roster[t.denominator];
  return {
    applicable: true,
    met: n > 0 && atLeastFraction(signers, n, t.num, t.den),
    rule: t.rule,
    formula: `${t.den}*${signers} >= ${t.num}*${n}`,
    required: Math.floor((t.num * n + t.den - 1) / t.den),
  };
};

/**
 * Notice (VM-3, RM-2): minimum days between notice and meeting (D-3), and whether a recorded
 * urgency reason allows less. null = the text sets no notice period for this kind.
 */
export type NoticeRule = Readonly<{ minimumDays: number; urgencyException: boolean; rule: string }> | null;

export const noticeRule = (kind: MeetingKind, text: OrganicLawText): NoticeRule => {
  if (kind === 'villagers_meeting') return { minimumDays: 10, urgencyException: text === '2025', rule: 'VM-3' };
  if (kind === 'residents_meeting') return text === '2025' ? { minimumDays: 10, urgencyException: true, rule: 'RM-2' } : null;
  return null;
};

/** Party pre-deliberation before a decision on an important matter (VM-7, RM-7): 2025 texts only. */
export const partyPreDeliberationRule = (kind: MeetingKind, text: OrganicLawText): string | null => {
  if (text !== '2025') return null;
  if (kind === 'villagers_meeting' || kind === 'village_representatives_meeting') return 'VM-7';
  if (kind === 'residents_meeting' || kind === 'residents_representatives_meeting') return 'RM-7';
  return null;
};

/** Who may order a correction of a decision (VM-12 township government; RM-8 district government or street office). */
export const correctionAuthority = (community: CommunityKind): Readonly<{ roles: readonly string[]; rule: string }> =>
  community === 'village'
    ? { roles: ['township_government'], rule: 'VM-12' }
    : { roles: ['district_government', 'street_office'], rule: 'RM-8' };

/** VM-8 (and RM-7's plenary for residents): which meeting may revoke or change which. */
export const mayRevoke = (by: MeetingKind, target: MeetingKind): boolean => plenaryOf(target) === by;

/**
 * Who convenes (VM-2, VM-10: the villagers' committee; VM-11 / 村 Art. 32: the group leader;
 * RM-2, RM-4: the residents' committee). `community_committee` is the generic name for either committee.
 */
export const convenerRoles = (kind: MeetingKind): Readonly<{ roles: readonly string[]; rule: string }> => {
  switch (kind) {
    case 'villagers_meeting':
      return { roles: ['villagers_committee', 'community_committee'], rule: 'VM-2' };
    case 'village_representatives_meeting':
      return { roles: ['villagers_committee', 'community_committee'], rule: 'VM-10' };
    case 'village_group_meeting':
      return { roles: ['village_group_leader'], rule: 'VM-11' };
    case 'residents_meeting':
      return { roles: ['residents_committee', 'community_committee'], rule: 'RM-2' };
    case 'residents_representatives_meeting':
      return { roles: ['residents_committee', 'community_committee'], rule: 'RM-4' };
  }
};
