import type { Event } from '../shared';
import type { MeetingKind } from '../rules';

/**
 * SV-15 (local rule, where the locality's policy adopts it): 村监会有权否决不合理开支. The expenditure
 * is named by reference; the grounds are actors' free text (never public).
 */
export type ExpenditureVetoed = Event<
  'ExpenditureVetoed',
  { communityId: string; committeeId: string; vetoId: string; expenditureRef: string; title: string; documentHash: string; grounds: string; policyVersion: number | null; vetoedOn: string; occurredAt: string }
>;

/** SV-15 当事人有异议的: the appeal of a veto to a villagers'/residents' (representative) meeting. */
export type ExpenditureVetoAppealed = Event<'ExpenditureVetoAppealed', { communityId: string; vetoId: string; appellantRef: string; grounds: string; appealedOn: string; occurredAt: string }>;

/**
 * SV-15 讨论决定: the meeting's decision, read from the meeting's stream (never from the body). An adopted
 * decision approves the expenditure and overturns the veto; a rejected one upholds it.
 */
export type ExpenditureVetoAppealDecided = Event<
  'ExpenditureVetoAppealDecided',
  {
    communityId: string;
    vetoId: string;
    decidedBy: Readonly<{ meetingId: string; itemId: string; meetingKind: MeetingKind; outcome: 'adopted' | 'rejected'; decidedOn: string }>;
    result: 'veto_upheld' | 'veto_overturned';
    occurredAt: string;
  }
>;

/** SV-13 (三签一章, local): the supervision committee co-signs an expenditure voucher, or refuses with comments. */
export type VoucherCountersigned = Event<
  'VoucherCountersigned',
  { communityId: string; committeeId: string; voucherId: string; expenditureRef: string; decision: 'signed' | 'refused'; signerRef: string; comments: string | null; occurredAt: string }
>;

/**
 * SV-13: the voucher is booked (报账). Where the policy in force requires it, only after the committee's
 * co-signature; never while a veto of the expenditure stands (SV-15).
 */
export type VoucherBooked = Event<
  'VoucherBooked',
  {
    communityId: string;
    voucherId: string;
    expenditureRef: string;
    documentHash: string;
    bookedOn: string;
    countersignRequired: boolean;
    countersignedBy: string | null;
    policyVersion: number | null;
    occurredAt: string;
  }
>;

export type ExpenditureControlEvent = ExpenditureVetoed | ExpenditureVetoAppealed | ExpenditureVetoAppealDecided | VoucherCountersigned | VoucherBooked;

export type VetoStatus = 'vetoed' | 'appealed' | 'upheld' | 'overturned';
