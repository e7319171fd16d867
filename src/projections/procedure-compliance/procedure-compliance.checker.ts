import { DEFAULT_ORGANIC_LAW_2025_EFFECTIVE, DEFAULT_TIME_ZONE, addDays, daysBetween, localDate, type ProjectedEvent } from '../../domain/shared';

/**
 * Re-checks consultation procedures from raw recorded events, independently of the decider: it
 * reads only the stored data and metadata, never the decider or its state, so a faulty import, a
 * bypassed command or a decider bug shows up here. Each violation names its rule and the events
 * that show it. Policy in force is re-derived from `LocalityPolicyVersionAdopted` events in the input;
 * without them, values recorded in the consultation events are used.
 */
export type Severity = 'violation' | 'advisory';

export type Violation = Readonly<{
  consultationId: string;
  rule: string;
  code: string;
  severity: Severity;
  message: string;
  eventIds: readonly string[];
}>;

export type ConsultationCompliance = Readonly<{ consultationId: string; stream: string; violations: readonly Violation[] }>;

export type ComplianceOptions = Readonly<{
  /** Local date the check is made on: deadlines before it with nothing done are overdue. */
  asOf?: string;
  switchDate?: string;
  timeZone?: string;
}>;

type Raw = ProjectedEvent;
type Policy = {
  effectiveFrom: string; noticeLeadDays: number; implementationStartDeadlineDays: number; publicationDeadlineDays: number;
  channels: readonly string[]; extraConsultationForms: readonly string[]; seriousContestPercent: number;
};

// The checker keeps its own copy of the vocabularies it needs, on purpose (independence).
const ORGANISER_ROLES = ['community_party_organisation', 'community_committee'];
const TOWNSHIP_PARTY = 'township_party_committee';
const TOWNSHIP_GOV = 'township_government';
const HIGH_IMPACT_FORMS = ['special_council', 'hearing', 'decision_hearing'];
const NATIONAL_FORMS = ['council', 'special_council', 'hearing', 'dialogue', 'residents_council', 'neighbourhood', 'owners', 'decision_hearing', 'democratic_appraisal', 'online'];
const LAW_STEPS: Record<string, string> = { MeetingDecision: 'CS-3', ImplementationOrReferral: 'CS-3', ResultPublished: 'CS-4', ImplementationPublished: 'CS-4', PostingPeriod: 'PD-3' };
const POSTINGS = ['ImplementationPlanPublished', 'ImplementationProgressReported', 'ImplementationCompleted', 'ResultPublished'];
const SETTLING = ['OpinionFormed', 'MeetingDecisionRecorded'];

/** Each step, the steps that must come before it (any one of them), and the rule. */
const PREDECESSORS: Record<string, { needs: string[]; rule: string; waiver?: string }> = {
  TopicProposed: { needs: ['OpinionsSolicited'], rule: 'CS-5', waiver: 'OpinionsSolicited' },
  ParticipantsDetermined: { needs: ['TopicProposed'], rule: 'CS-5' },
  ContentNotified: { needs: ['ParticipantsDetermined'], rule: 'CS-5' },
  ConsultationHeld: { needs: ['ContentNotified'], rule: 'CS-5', waiver: 'ContentNotified' },
  OpinionFormed: { needs: ['ConsultationHeld'], rule: 'CS-5' },
  ReferredToMeeting: { needs: ['ConsultationHeld'], rule: 'CS-9' },
  MeetingDecisionRecorded: { needs: ['ReferredToMeeting'], rule: 'CS-3' },
  ImplementationPlanPublished: { needs: SETTLING, rule: 'CS-5' },
  ImplementationStarted: { needs: ['ImplementationPlanPublished'], rule: 'CS-12' },
  ImplementationProgressReported: { needs: ['ImplementationStarted'], rule: 'CS-12' },
  ImplementationCompleted: { needs: ['ImplementationStarted'], rule: 'CS-3' },
  ResultPublished: { needs: SETTLING, rule: 'CS-4' },
  FeedbackGiven: { needs: ['ResultPublished'], rule: 'CS-5' },
  ReportedToCommissioner: { needs: SETTLING, rule: 'CS-11' },
  CommissionerFeedbackReceived: { needs: ['ReportedToCommissioner'], rule: 'CS-11' },
  DissentersBriefed: { needs: [...SETTLING, 'ReferredToMeeting'], rule: 'CS-9' },
};

const names = (roles: readonly string[]): string[] => roles.map((r) => (r.includes('@') ? r.slice(0, r.indexOf('@')) : r));
const d = (e: Raw): Record<string, any> => e.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Policy versions per locality, re-derived from the raw policy events. */
const policiesFrom = (events: readonly Raw[]): Map<string, Policy[]> => {
  const byLocality = new Map<string, Policy[]>();
  for (const e of events) {
    if (e.type !== 'LocalityPolicyVersionAdopted') continue;
    const list = byLocality.get(d(e).localityId) ?? [];
    list.push(d(e) as Policy);
    byLocality.set(d(e).localityId, list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)));
  }
  return byLocality;
};

export const checkProcedureCompliance = (events: readonly ProjectedEvent[], options: ComplianceOptions = {}): ConsultationCompliance[] => {
  const policies = policiesFrom(events);
  const streams = new Map<string, Raw[]>();
  for (const e of events) {
    if (!e.stream.startsWith('consultation-')) continue;
    const list = streams.get(e.stream) ?? [];
    list.push(e);
    streams.set(e.stream, list);
  }
  return [...streams.entries()].map(([stream, list]) => {
    const ordered = [...list].sort((a, b) => (a.streamRevision < b.streamRevision ? -1 : a.streamRevision > b.streamRevision ? 1 : 0));
    const consultationId = String(d(ordered[0] as Raw).consultationId ?? stream.slice('consultation-'.length));
    return { consultationId, stream, violations: checkStream(consultationId, ordered, policies, options) };
  });
};

/** Flat list of every violation, in stream order. */
export const listViolations = (events: readonly ProjectedEvent[], options: ComplianceOptions = {}): Violation[] =>
  checkProcedureCompliance(events, options).flatMap((c) => c.violations);

const checkStream = (consultationId: string, events: readonly Raw[], policies: Map<string, Policy[]>, options: ComplianceOptions): Violation[] => {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const switchDate = options.switchDate ?? DEFAULT_ORGANIC_LAW_2025_EFFECTIVE;
  const out: Violation[] = [];
  const flag = (rule: string, code: string, message: string, ids: (Raw | undefined)[], severity: Severity = 'violation'): void => {
    out.push({ consultationId, rule, code, severity, message, eventIds: ids.filter((e): e is Raw => e !== undefined).map((e) => e.eventId) });
  };
  const dateOf = (e: Raw): string => localDate(new Date(e.metadata.occurredAt), tz);
  const first = (type: string): Raw | undefined => events.find((e) => e.type === type);
  const all = (type: string): Raw[] => events.filter((e) => e.type === type);
  const opening = events.find((e) => e.type === 'OpinionsSolicited' || (e.type === 'ProcedureDeviationRecorded' && d(e).localityId !== undefined));
  const localityId: string | undefined = opening === undefined ? undefined : d(opening).localityId;
  const policyOn = (date: string): Policy | undefined => {
    let found: Policy | undefined;
    for (const p of (localityId === undefined ? undefined : policies.get(localityId)) ?? []) if (p.effectiveFrom <= date) found = p;
    return found;
  };

  // Deviations: only those recorded before a step waive it; law-fixed steps are never waived.
  const deviations = all('ProcedureDeviationRecorded');
  for (const dev of deviations) {
    const law = LAW_STEPS[d(dev).step];
    if (law !== undefined) flag(law, 'CONSULTATION.DEVIATION_NOT_ALLOWED', `deviation from ${d(dev).step}, which the law fixes`, [dev]);
  }
  const waivedBefore = (step: string, e: Raw | undefined): boolean =>
    deviations.some((dev) => d(dev).step === step && LAW_STEPS[step] === undefined && (e === undefined || dev.streamRevision < e.streamRevision));

  // CS-5 order (and CS-3, CS-4, CS-9, CS-11, CS-12 for the later steps): the predecessor is recorded before, and happened before.
  for (const e of events) {
    const rule = PREDECESSORS[e.type];
    if (rule === undefined || (rule.waiver !== undefined && waivedBefore(rule.waiver, e))) continue;
    const before = events.filter((p) => rule.needs.includes(p.type) && p.streamRevision < e.streamRevision);
    if (before.length === 0) {
      const later = events.find((p) => rule.needs.includes(p.type));
      flag(rule.rule, 'CONSULTATION.STEP_OUT_OF_ORDER', `${e.type} recorded without ${rule.needs.join(' or ')} before it`, [e, later]);
    } else if (before.every((p) => Date.parse(p.metadata.occurredAt) > Date.parse(e.metadata.occurredAt))) {
      flag(rule.rule, 'CONSULTATION.STEP_OUT_OF_ORDER', `${e.type} happened before its predecessor ${before[0]?.type}`, [e, before[0]]);
    }
  }

  // Content frozen once the opinion is formed (CS-5).
  const settled = events.find((e) => SETTLING.includes(e.type));
  for (const e of events) {
    if (settled === undefined || e.streamRevision <= settled.streamRevision) continue;
    if (['TopicProposed', 'ParticipantsDetermined', 'ContentNotified', 'ConsultationHeld', 'OpinionFormed'].includes(e.type)) {
      flag('CS-5', 'CONSULTATION.OPINION_FROZEN', `${e.type} after the outcome was settled`, [e, settled]);
    }
    if (e.type === 'ConsultationWithdrawn') flag('CS-3', 'CONSULTATION.OPINION_FROZEN', 'withdrawn after the outcome was settled', [e, settled]);
  }

  // Nothing but corrections and attendance reports follow closure or withdrawal (CS-5).
  const ended = events.find((e) => e.type === 'ConsultationClosed' || e.type === 'ConsultationWithdrawn');
  for (const e of events) {
    if (ended === undefined || e.streamRevision <= ended.streamRevision) continue;
    if (!['OutcomeCorrectedByGovernment', 'SupervisionAttendanceRefused'].includes(e.type)) {
      flag('CS-5', 'CONSULTATION.STEP_AFTER_END', `${e.type} after ${ended.type}`, [e, ended]);
    }
  }

  // Who may act (CS-5, CS-7, CS-10).
  const topic = first('TopicProposed');
  const flags = (topic === undefined ? {} : d(topic)) as { crossCommunity?: boolean; technical?: boolean; highImpact?: boolean; commissioned?: boolean };
  if (topic !== undefined) {
    const roles = names(topic.metadata.actorRoles);
    if (flags.crossCommunity === true && !roles.includes(TOWNSHIP_PARTY) && !waivedBefore('TownshipLead', topic)) {
      flag('CS-7', 'CONSULTATION.TOWNSHIP_LEAD_REQUIRED', 'cross-community matter not proposed by the township/street Party committee', [topic]);
    } else if (!roles.some((r) => ORGANISER_ROLES.includes(r) || (flags.crossCommunity === true && r === TOWNSHIP_PARTY))) {
      flag('CS-5', 'CONSULTATION.PROPOSER_NOT_ALLOWED', `topic proposed by ${roles.join(', ') || 'no role'}`, [topic]);
    }
  }
  for (const c of all('OutcomeCorrectedByGovernment')) {
    if (!names(c.metadata.actorRoles).includes(TOWNSHIP_GOV)) flag('CS-10', 'CONSULTATION.CORRECTION_NOT_ALLOWED', 'correction not by the township government / street office', [c]);
  }

  // Notice (CS-5), session form (CS-6, CS-15), experts (CS-8), supervision (SV-5).
  const participants = first('ParticipantsDetermined');
  const notice = first('ContentNotified');
  const held = first('ConsultationHeld');
  if (participants !== undefined && notice !== undefined) {
    const missing = (d(participants).participants as { personRef: string }[]).filter((p) => !(d(notice).notified as string[]).includes(p.personRef));
    if (missing.length > 0) flag('CS-5', 'CONSULTATION.PARTICIPANT_NOT_NOTIFIED', `${missing.length} participant(s) not notified`, [notice, participants]);
  }
  if (notice !== undefined && held !== undefined && !waivedBefore('NoticeLeadTime', held)) {
    const lead = policyOn(dateOf(notice))?.noticeLeadDays ?? Number(d(notice).noticeLeadDays);
    const days = daysBetween(dateOf(notice), dateOf(held));
    if (days < lead) flag('CS-5', 'CONSULTATION.NOTICE_TOO_SHORT', `session ${days} day(s) after notice; ${lead} required`, [notice, held]);
  }
  if (held !== undefined) {
    const form = String(d(held).form);
    if (flags.highImpact === true && !HIGH_IMPACT_FORMS.includes(form) && !waivedBefore('HearingForm', held)) {
      flag('CS-6', 'CONSULTATION.HEARING_REQUIRED', `high-impact matter held as ${form}`, [held, topic]);
    }
    const policy = policyOn(dateOf(held));
    if (policy !== undefined && !NATIONAL_FORMS.includes(form) && !policy.extraConsultationForms.includes(form)) {
      flag('CS-15', 'CONSULTATION.FORM_NOT_RECOGNISED', `form ${form} is neither national nor local`, [held]);
    }
  }
  if (flags.technical === true && first('ExpertInvited') === undefined) {
    flag('CS-8', 'CONSULTATION.NO_EXPERT_FOR_TECHNICAL_MATTER', 'technical matter consulted without experts (recommended)', [topic], 'advisory');
  }
  for (const r of all('SupervisionAttendanceRefused')) flag('SV-5', 'CONSULTATION.SUPERVISION_REFUSED', 'a supervision committee member was refused', [r]);

  // CS-9: contested or unresolved matters go to a meeting; dissenters are briefed.
  const views = held === undefined ? [] : (d(held).views as { position: string }[]);
  const against = views.filter((v) => v.position === 'against').length;
  const percent = (held === undefined ? undefined : policyOn(dateOf(held))?.seriousContestPercent) ?? 50;
  const contested = views.length > 0 && against > 0 && 100 * against >= percent * views.length;
  const opinion = first('OpinionFormed');
  const referral = first('ReferredToMeeting');
  const decision = first('MeetingDecisionRecorded');
  const closed = first('ConsultationClosed');
  if (contested && referral === undefined && (opinion !== undefined || closed !== undefined) && !waivedBefore('MeetingReferral', opinion ?? closed)) {
    flag('CS-9', 'CONSULTATION.REFERRAL_REQUIRED', `seriously contested (${against} of ${views.length} against) but not referred to a meeting`, [held, opinion ?? closed]);
  }
  if (referral !== undefined && decision === undefined && closed !== undefined) {
    flag('CS-3', 'CONSULTATION.CLOSED_WITHOUT_MEETING_DECISION', 'referred matter closed without the meeting decision', [referral, closed]);
  }
  if (against > 0 && closed !== undefined && first('DissentersBriefed') === undefined && !waivedBefore('DissentersBriefed', closed)) {
    flag('CS-9', 'CONSULTATION.DISSENTERS_NOT_BRIEFED', 'closed without briefing those who disagreed', [held, closed]);
  }

  // CS-3 implementation, CS-4 / CS-12 / PD-3 publication, CS-11 commissioner, CS-5 feedback.
  const settledBy = decision ?? opinion;
  const rejected = decision !== undefined && d(decision).adopted === false;
  const settledPolicy = settledBy === undefined ? undefined : policyOn(dateOf(settledBy));
  const settledDate = settledBy === undefined ? undefined : decision !== undefined ? localDate(new Date(d(decision).decidedAt), tz) : dateOf(settledBy);
  const due = (days: number | undefined, recorded: unknown): string | undefined =>
    settledDate !== undefined && days !== undefined ? addDays(settledDate, days) : typeof recorded === 'string' ? recorded : undefined;
  // A recorded ConsultationDeadlineMissed is evidence, not a verdict: the checker re-derives the due
  // date and whether the step was done, judging by the later of asOf and the watchdog's detectedOn.
  const missed = (step: string): Raw[] => all('ConsultationDeadlineMissed').filter((e) => d(e).step === step);
  const asOfFor = (step: string): string | undefined =>
    missed(step).map((e) => String(d(e).detectedOn)).reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), options.asOf);
  const started = first('ImplementationStarted');
  const completed = first('ImplementationCompleted');
  const results = all('ResultPublished').filter((e) => d(e).covers === 'result');
  const implPubs = all('ResultPublished').filter((e) => d(e).covers === 'implementation');
  if (settledBy !== undefined && !rejected) {
    const startDue = due(settledPolicy?.implementationStartDeadlineDays, d(settledBy).implementationStartDue);
    const startAsOf = asOfFor('implementation_start');
    const recorded = missed('implementation_start');
    if (started !== undefined && startDue !== undefined && dateOf(started) > startDue) flag('CS-3', 'CONSULTATION.IMPLEMENTATION_LATE', `implementation started after ${startDue}`, [settledBy, ...recorded, started]);
    if (started === undefined && closed !== undefined) flag('CS-3', 'CONSULTATION.NOT_IMPLEMENTED', 'closed without implementation', [settledBy, closed]);
    if (started === undefined && closed === undefined && startDue !== undefined && startAsOf !== undefined && startDue < startAsOf) {
      flag('CS-3', 'CONSULTATION.IMPLEMENTATION_OVERDUE', `implementation due by ${startDue}`, [settledBy, ...recorded]);
    }
  }
  if (settledBy !== undefined) {
    const pubDue = due(settledPolicy?.publicationDeadlineDays, d(settledBy).publicationDue);
    checkPublication('result', results, pubDue, [settledBy, ...missed('result_publication')], closed, asOfFor('result_publication'), flag, dateOf);
  }
  if (completed !== undefined) {
    const days = policyOn(dateOf(completed))?.publicationDeadlineDays;
    const implDue = days !== undefined ? addDays(dateOf(completed), days) : (d(completed).publicationDue as string | undefined);
    checkPublication('implementation', implPubs, implDue, [completed, ...missed('implementation_publication')], closed, asOfFor('implementation_publication'), flag, dateOf);
  } else if (closed !== undefined && started !== undefined) {
    flag('CS-4', 'CONSULTATION.IMPLEMENTATION_NOT_PUBLISHED', 'closed before the implementation was completed and published', [started, closed]);
  }
  for (const p of events.filter((e) => POSTINGS.includes(e.type))) {
    const from = String(d(p).postedFrom);
    const days = daysBetween(from, String(d(p).postedUntil));
    if (from >= switchDate && days < 15) flag('PD-3', 'CONSULTATION.POSTING_TOO_SHORT', `posted ${days} day(s) from ${from}; at least 15 required`, [p]);
    const policy = policyOn(dateOf(p));
    const unknown = (d(p).channels as string[]).filter((c) => policy !== undefined && !policy.channels.includes(c));
    if (unknown.length > 0 && !waivedBefore('PublicationChannels', p)) flag('CS-12', 'CONSULTATION.CHANNEL_NOT_IN_POLICY', `channel(s) ${unknown.join(', ')} not the locality's`, [p]);
  }
  if (flags.commissioned === true && closed !== undefined && first('CommissionerFeedbackReceived') === undefined) {
    flag('CS-11', 'CONSULTATION.COMMISSIONER_NOT_INFORMED', 'commissioned matter closed without report and feedback', [topic, closed]);
  }
  if (closed !== undefined && first('FeedbackGiven') === undefined && !waivedBefore('FeedbackGiven', closed)) {
    flag('CS-5', 'CONSULTATION.NO_FEEDBACK', 'closed without feedback to participants', [closed]);
  }
  for (const m of all('ConsultationDeadlineMissed')) {
    if (Number.isNaN(Date.parse(String(d(m).dueOn)))) continue;
    const doneBy = { implementation_start: started, result_publication: results[0], implementation_publication: implPubs[0] }[String(d(m).step)];
    if (doneBy !== undefined && dateOf(doneBy) <= String(d(m).dueOn)) {
      flag(String(d(m).rule), 'CONSULTATION.MISSED_DEADLINE_CONTRADICTED', `${d(m).step} recorded as missed, but the history shows it done by ${d(m).dueOn} (recorded late)`, [m, doneBy], 'advisory');
    }
  }
  return out;
};

/** CS-4: a settled result (or a completed implementation) is published; CS-12: within the locality's time limit. */
const checkPublication = (
  what: 'result' | 'implementation',
  publications: readonly Raw[],
  due: string | undefined,
  evidence: Raw[],
  closed: Raw | undefined,
  asOf: string | undefined,
  flag: (rule: string, code: string, message: string, ids: (Raw | undefined)[]) => void,
  dateOf: (e: Raw) => string,
): void => {
  const firstPub = publications[0];
  if (firstPub === undefined) {
    if (closed !== undefined) flag('CS-4', what === 'result' ? 'CONSULTATION.RESULT_NOT_PUBLISHED' : 'CONSULTATION.IMPLEMENTATION_NOT_PUBLISHED', `closed without publishing the ${what}`, [...evidence, closed]);
    else if (due !== undefined && asOf !== undefined && due < asOf) flag('CS-12', 'CONSULTATION.PUBLICATION_OVERDUE', `${what} publication due by ${due}`, evidence);
    return;
  }
  if (due !== undefined && dateOf(firstPub) > due) flag('CS-12', 'CONSULTATION.PUBLICATION_LATE', `${what} published after ${due}`, [...evidence, firstPub]);
};
