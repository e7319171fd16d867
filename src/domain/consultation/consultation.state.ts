import { localDate } from '../shared';
import type { ConsultationCommunity, ConsultationEvent, Participant, Tally, View } from './consultation.events';

export type Identity = ConsultationCommunity & Readonly<{ consultationId: string }>;

export type Topic = Readonly<{
  contentClass: string; crossCommunity: boolean; technical: boolean; highImpact: boolean;
  commissioned: boolean; commissioner: string | null;
}>;

type Common = Identity & Readonly<{
  /** occurredAt of the latest step: steps never go backwards in time. */
  lastOccurredAt: string;
  waived: readonly string[];
  supervisionAdmitted: readonly string[];
}>;

export type Preparing = Common & Readonly<{
  status: 'Preparing';
  solicited: boolean;
  topic: Topic | null;
  participants: readonly Participant[] | null;
  notice: Readonly<{ date: string; leadDays: number }> | null;
  held: Readonly<{ date: string; views: readonly View[] }> | null;
}>;

export type Referred = Common & Readonly<{
  status: 'Referred';
  topic: Topic;
  participants: readonly Participant[];
  dissenters: readonly string[];
  briefed: boolean;
}>;

/** After the opinion or the meeting decision: content frozen, implementation and publication open. */
export type AfterOpinion = Readonly<{
  topic: Topic;
  participants: readonly Participant[];
  outcome: 'opinion' | 'meeting_adopted' | 'meeting_rejected';
  tally: Tally | null;
  dissenters: readonly string[];
  briefed: boolean;
  implementationStartDue: string;
  publicationDue: string;
  planPublished: boolean;
  started: boolean;
  percent: number;
  completion: Readonly<{ publicationDue: string }> | null;
  resultPublished: boolean;
  implementationPublished: boolean;
  reportedToCommissioner: boolean;
  commissionerFeedback: boolean;
  feedbackGiven: boolean;
  corrections: number;
  /** `<step>:<dueOn>` of every ConsultationDeadlineMissed recorded. */
  missedDeadlines: readonly string[];
}>;

export type Settled = Common & AfterOpinion & Readonly<{ status: 'Settled' }>;
export type Closed = Common & AfterOpinion & Readonly<{ status: 'Closed' }>;
export type Withdrawn = Common & Readonly<{ status: 'Withdrawn'; reason: string }>;

export type Consultation = Readonly<{ status: 'NotStarted' }> | Preparing | Referred | Settled | Closed | Withdrawn;
export type StartedConsultation = Exclude<Consultation, { status: 'NotStarted' }>;

export const initialState = (): Consultation => ({ status: 'NotStarted' });

const preparing = (identity: Identity, occurredAt: string, waived: readonly string[], solicited: boolean): Preparing => ({
  ...identity, status: 'Preparing', lastOccurredAt: occurredAt, waived, supervisionAdmitted: [],
  solicited, topic: null, participants: null, notice: null, held: null,
});

const afterOpinion = (
  topic: Topic, participants: readonly Participant[], outcome: AfterOpinion['outcome'], tally: Tally | null,
  dissenters: readonly string[], briefed: boolean, due: { implementationStartDue: string; publicationDue: string },
): AfterOpinion => ({
  topic, participants, outcome, tally, dissenters, briefed,
  implementationStartDue: due.implementationStartDue, publicationDue: due.publicationDue,
  planPublished: false, started: false, percent: 0, completion: null, resultPublished: false,
  implementationPublished: false, reportedToCommissioner: false, commissionerFeedback: false, feedbackGiven: false, corrections: 0,
  missedDeadlines: [],
});

////////// Evolve

const evolveStarted = (state: StartedConsultation, event: ConsultationEvent): Consultation => {
  const d = event.data;
  // The watchdog's observation is not a procedure step: a step recorded late may still precede it.
  const moves = event.type !== 'ConsultationDeadlineMissed' && d.occurredAt > state.lastOccurredAt;
  const s = { ...state, lastOccurredAt: moves ? d.occurredAt : state.lastOccurredAt } as StartedConsultation;
  switch (event.type) {
    case 'TopicProposed': {
      const { title: _t, catalogueEntry: _c, proposerRole: _r, policyVersion: _v, consultationId: _i, occurredAt: _o, ...topic } = event.data;
      return s.status === 'Preparing' ? { ...s, topic } : s;
    }
    case 'ParticipantsDetermined':
      return s.status === 'Preparing' ? { ...s, participants: event.data.participants } : s;
    case 'ExpertInvited':
      return s.status === 'Preparing'
        ? { ...s, participants: [...(s.participants ?? []), { personRef: event.data.personRef, category: 'expert' }] }
        : s;
    case 'SupervisionMemberAdmitted':
      return { ...s, supervisionAdmitted: [...s.supervisionAdmitted, event.data.personRef] };
    case 'ContentNotified':
      return s.status === 'Preparing' ? { ...s, notice: { date: localDate(new Date(d.occurredAt), s.timeZone), leadDays: event.data.noticeLeadDays } } : s;
    case 'ConsultationHeld':
      return s.status === 'Preparing' ? { ...s, held: { date: localDate(new Date(d.occurredAt), s.timeZone), views: event.data.views } } : s;
    case 'OpinionFormed':
      return s.status === 'Preparing' && s.topic !== null
        ? { ...s, status: 'Settled', ...afterOpinion(s.topic, s.participants ?? [], 'opinion', event.data.tally, event.data.dissenters, false, event.data) }
        : s;
    case 'ReferredToMeeting':
      return s.status === 'Preparing' && s.topic !== null
        ? {
            ...s, status: 'Referred', topic: s.topic, participants: s.participants ?? [], briefed: false,
            dissenters: (s.held?.views ?? []).filter((v) => v.position === 'against').map((v) => v.personRef),
          }
        : s;
    case 'MeetingDecisionRecorded':
      return s.status === 'Referred'
        ? {
            ...s, status: 'Settled',
            ...afterOpinion(s.topic, s.participants, event.data.adopted ? 'meeting_adopted' : 'meeting_rejected', null, s.dissenters, s.briefed, event.data),
          }
        : s;
    case 'DissentersBriefed':
      return s.status === 'Referred' || s.status === 'Settled' ? { ...s, briefed: true } : s;
    case 'ConsultationWithdrawn':
      return { ...s, status: 'Withdrawn', reason: event.data.reason };
    case 'ProcedureDeviationRecorded':
      return { ...s, waived: [...s.waived, event.data.step] };
    case 'ConsultationClosed':
      return s.status === 'Settled' ? { ...s, status: 'Closed' } : s;
    default:
      return s.status === 'Settled' || s.status === 'Closed' ? evolveAfterOpinion(s, event) : s;
  }
};

const evolveAfterOpinion = <S extends Settled | Closed>(s: S, event: ConsultationEvent): S => {
  switch (event.type) {
    case 'ImplementationPlanPublished':
      return { ...s, planPublished: true };
    case 'ImplementationStarted':
      return { ...s, started: true };
    case 'ImplementationProgressReported':
      return { ...s, percent: event.data.percent };
    case 'ImplementationCompleted':
      return { ...s, percent: 100, completion: { publicationDue: event.data.publicationDue } };
    case 'ReportedToCommissioner':
      return { ...s, reportedToCommissioner: true };
    case 'CommissionerFeedbackReceived':
      return { ...s, commissionerFeedback: true };
    case 'ResultPublished':
      return event.data.covers === 'result' ? { ...s, resultPublished: true } : { ...s, implementationPublished: true };
    case 'FeedbackGiven':
      return { ...s, feedbackGiven: true };
    case 'OutcomeCorrectedByGovernment':
      return { ...s, corrections: s.corrections + 1 };
    case 'ConsultationDeadlineMissed':
      return { ...s, missedDeadlines: [...s.missedDeadlines, `${event.data.step}:${event.data.dueOn}`] };
    default:
      return s;
  }
};

export const evolve = (state: Consultation, event: ConsultationEvent): Consultation => {
  if (state.status !== 'NotStarted') return state.status === 'Withdrawn' ? state : evolveStarted(state, event);
  switch (event.type) {
    case 'OpinionsSolicited': {
      const { consultationId, communityId, townshipId, localityId, communityKind, timeZone } = event.data;
      return preparing({ consultationId, communityId, townshipId, localityId, communityKind, timeZone }, event.data.occurredAt, [], true);
    }
    case 'ProcedureDeviationRecorded': {
      const { communityId, townshipId, localityId, communityKind, timeZone } = event.data;
      if (communityId === undefined || townshipId === undefined || localityId === undefined || communityKind === undefined || timeZone === undefined) return state;
      return preparing({ consultationId: event.data.consultationId, communityId, townshipId, localityId, communityKind, timeZone }, event.data.occurredAt, [event.data.step], false);
    }
    default:
      return state;
  }
};

export const isWaived = (state: StartedConsultation, step: string): boolean => state.waived.includes(step);
