import type { Event } from '../shared';
import type { MeetingKind } from '../rules';

export type AppraisalVerdict = 'competent' | 'basically_competent' | 'incompetent';

export type CadreAppraisal = Readonly<{
  cadreRef: string;
  competent: number;
  basicallyCompetent: number;
  incompetent: number;
  verdict: AppraisalVerdict;
  /** The formula the verdict was reached by, e.g. `2*incompetent > votes` or `3*incompetent >= 2*votes`. */
  formula: string;
}>;

/** SV-7: the democratic appraisal (民主评议), hosted by the supervision committee at a meeting; results per cadre. */
export type AppraisalRecorded = Event<
  'AppraisalRecorded',
  {
    communityId: string;
    communityKind: 'village' | 'urban_community';
    appraisalId: string;
    year: string;
    hostedByCommitteeId: string;
    meetingId: string;
    meetingKind: MeetingKind;
    heldOn: string;
    threshold: 'majority' | 'two_thirds';
    results: readonly CadreAppraisal[];
    /** Urban results must be published (居 Art. 37): the obligation this opens. */
    publicationObligationId: string | null;
    occurredAt: string;
  }
>;

/** SV-7: a second consecutive 不称职 ends the cadre's mandate; emitted by the engine in the same command. */
export type CadreMandateTerminated = Event<
  'CadreMandateTerminated',
  { communityId: string; cadreRef: string; appraisalIds: readonly string[]; rule: 'SV-7'; terminatedOn: string; occurredAt: string }
>;

export type AppraisalEvent = AppraisalRecorded | CadreMandateTerminated;

export const appraisalObligationId = (communityId: string, appraisalId: string): string => `appraisal:${communityId}/${appraisalId}`;
