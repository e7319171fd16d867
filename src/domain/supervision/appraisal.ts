import { isIsoDate, personalDataInRef, type Command, type FieldProblem } from '../shared';
import { assertOccurredAtAcceptable, type CommunityKind, type MeetingKind } from '../rules';
import { appraisalObligationId, type AppraisalEvent, type AppraisalVerdict, type CadreAppraisal } from './appraisal.events';
import { SupervisionRuleViolation, SupervisionStepNotAllowed, supervisionInvalid } from './supervision.errors';
import { activeCommitteesOn, type Supervision } from './supervision.state';

/**
 * SV-7: cadres are appraised at least yearly at a villagers'/residents' (representative) meeting
 * hosted by the supervision committee; 不称职 needs a majority of the votes, or two thirds where the
 * locality says so (e.g. Shaanxi 2011); a second consecutive 不称职 ends the mandate.
 */
export type RecordAppraisal = Command<
  'RecordAppraisal',
  {
    communityId: string;
    appraisalId: string;
    year: string;
    results: readonly Readonly<{ cadreRef: string; competent: number; basicallyCompetent: number; incompetent: number }>[];
    /** Outside facts: the meeting (from its stream), the community's kind and the locality threshold. */
    meeting: Readonly<{ meetingId: string; communityId: string; kind: MeetingKind; heldOn: string | null }>;
    communityKind: CommunityKind;
    threshold: 'majority' | 'two_thirds';
  }
>;

const APPRAISING_KINDS: Readonly<Record<CommunityKind, readonly MeetingKind[]>> = {
  village: ['villagers_meeting', 'village_representatives_meeting'],
  urban_community: ['residents_meeting', 'residents_representatives_meeting'],
};

/** The verdict in integers (D-1, D-2): 不称职 by the threshold, else 称职 by a majority, else 基本称职. */
export const appraisalVerdict = (r: { competent: number; basicallyCompetent: number; incompetent: number }, threshold: 'majority' | 'two_thirds'): { verdict: AppraisalVerdict; formula: string } => {
  const votes = r.competent + r.basicallyCompetent + r.incompetent;
  const incompetent = threshold === 'majority' ? 2 * r.incompetent > votes : 3 * r.incompetent >= 2 * votes;
  if (incompetent) return { verdict: 'incompetent', formula: threshold === 'majority' ? '2*incompetent > votes' : '3*incompetent >= 2*votes' };
  if (2 * r.competent > votes) return { verdict: 'competent', formula: '2*competent > votes' };
  return { verdict: 'basically_competent', formula: 'neither 不称职 nor a majority 称职' };
};

const count = (n: number): boolean => Number.isInteger(n) && n >= 0;

export const recordAppraisal = (command: RecordAppraisal, state: Supervision, previous: ReadonlyMap<string, AppraisalVerdict>, appraisalIds: readonly string[], lastAppraisalOf: ReadonlyMap<string, string>): AppraisalEvent[] => {
  const d = command.data;
  if (appraisalIds.includes(d.appraisalId)) return [];
  const problems: FieldProblem[] = [];
  if (!/^\d{4}$/.test(d.year)) problems.push({ field: 'year', message: 'YYYY' });
  if (d.results.length === 0) problems.push({ field: 'results', message: 'at least one cadre' });
  const refs = d.results.map((r) => r.cadreRef);
  if (new Set(refs).size !== refs.length) problems.push({ field: 'results', message: 'a cadre is listed twice' });
  d.results.forEach((r, i) => {
    const personal = personalDataInRef(r.cadreRef);
    if (personal !== null) problems.push({ field: `results[${i}].cadreRef`, message: personal });
    if (![r.competent, r.basicallyCompetent, r.incompetent].every(count)) problems.push({ field: `results[${i}]`, message: 'counts are non-negative integers' });
    else if (r.competent + r.basicallyCompetent + r.incompetent === 0) problems.push({ field: `results[${i}]`, message: 'no votes' });
  });
  if (problems.length > 0) throw supervisionInvalid(problems);
  const m = d.meeting;
  if (m.communityId !== d.communityId) throw supervisionInvalid([{ field: 'meetingId', message: `a meeting of ${m.communityId}` }]);
  if (!APPRAISING_KINDS[d.communityKind].includes(m.kind)) throw new SupervisionRuleViolation('WRONG_APPRAISING_MEETING', `The appraisal is held at a ${APPRAISING_KINDS[d.communityKind].join(' or ')}`, 'SV-7');
  if (m.heldOn === null || !isIsoDate(m.heldOn)) throw new SupervisionStepNotAllowed('MEETING_NOT_HELD', `Meeting ${m.meetingId} has not been held (no attendance recorded)`, 'SV-7');
  const host = activeCommitteesOn(state, m.heldOn)[0];
  if (host === undefined) throw new SupervisionRuleViolation('NO_HOSTING_COMMITTEE', `No supervision committee was in office on ${m.heldOn} to host the appraisal`, 'SV-7');
  const occurredAt = assertOccurredAtAcceptable(command.metadata, null, 'SUPERVISION');
  const results: CadreAppraisal[] = d.results.map((r) => ({ ...r, ...appraisalVerdict(r, d.threshold) }));
  const recorded: AppraisalEvent = {
    type: 'AppraisalRecorded',
    data: {
      communityId: d.communityId, communityKind: d.communityKind, appraisalId: d.appraisalId, year: d.year, hostedByCommitteeId: host.committeeId,
      meetingId: m.meetingId, meetingKind: m.kind, heldOn: m.heldOn, threshold: d.threshold, results,
      publicationObligationId: d.communityKind === 'urban_community' ? appraisalObligationId(d.communityId, d.appraisalId) : null, occurredAt,
    },
  };
  // The engine itself ends the mandate on the second consecutive 不称职 (the cadre's previous appraisal).
  const terminations: AppraisalEvent[] = results
    .filter((r) => r.verdict === 'incompetent' && previous.get(r.cadreRef) === 'incompetent')
    .map((r) => ({ type: 'CadreMandateTerminated', data: { communityId: d.communityId, cadreRef: r.cadreRef, appraisalIds: [lastAppraisalOf.get(r.cadreRef) ?? '', d.appraisalId], rule: 'SV-7', terminatedOn: m.heldOn as string, occurredAt } }));
  return [recorded, ...terminations];
};
