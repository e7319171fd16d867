/**
 * Every problem code the domain and the command pipeline can raise, with its kind (which decides
 * the HTTP status, in one place: the problem-details filter) and the rules it may cite. The error
 * classes accept only codes of their own kind, so a code cannot be raised with another status
 * than the one documented in docs/errors.md (a test compares both).
 *
 * Kinds and their meaning:
 * - `validation` (400): the request itself is wrong (a field, or two fields that contradict each other).
 * - `forbidden` (403): the caller's roles never allow this step (identity and permission only; no rule).
 * - `not_found` (404): an id the request names is unknown.
 * - `illegal_state` (409): the resource's own procedure does not allow the step now (too early, too late, done).
 * - `concurrency` (409, or 412 with If-Match): the stream moved on since it was read.
 * - `unprocessable` (422): a well-formed step breaks a rule of law or policy, or the outside facts it
 *   needs (census, constitution, policy in force) are missing.
 */
export type ProblemKind = 'validation' | 'forbidden' | 'not_found' | 'illegal_state' | 'concurrency' | 'unprocessable';

type Spec = Readonly<{ kind: ProblemKind; rules: readonly string[]; meaning: string }>;

const v = (meaning: string, ...rules: string[]) => ({ kind: 'validation' as const, rules, meaning });
const f = (meaning: string) => ({ kind: 'forbidden' as const, rules: [] as string[], meaning });
const n = (meaning: string) => ({ kind: 'not_found' as const, rules: [] as string[], meaning });
const s = (meaning: string, ...rules: string[]) => ({ kind: 'illegal_state' as const, rules, meaning });
const u = (meaning: string, ...rules: string[]) => ({ kind: 'unprocessable' as const, rules, meaning });
const c = (meaning: string) => ({ kind: 'concurrency' as const, rules: [] as string[], meaning });

export const PROBLEM_CODES = {
  // Any procedure
  'VALIDATION.INVALID_INPUT': v('a field is missing or malformed; `errors` lists every one'),
  'COMMAND.OCCURRED_AT_IN_FUTURE': v('occurredAt lies after the engine\'s now'),
  'STREAM.DUPLICATE_EVENT_ID': v('an event id is already stored'),
  'STREAM.WRONG_EXPECTED_REVISION': c('the stream moved on (412 with If-Match, else 409 after the retries); `currentRevision` says where it is'),
  'IDEMPOTENCY.KEY_REUSED': u('the Idempotency-Key was first used for another request (method, path, actor or body)'),
  'AUTH.ROLE_REQUIRED': f('the token holds none of the roles (in the scope) the step needs'),

  // Communities
  'COMMUNITY.INVALID_INPUT': v('a field of a community step is invalid'),
  'COMMUNITY.OCCURRED_AT_INVALID': v('occurredAt is not a valid time'),
  'COMMUNITY.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'COMMUNITY.NOT_FOUND': n('no community with this id is registered'),
  'COMMUNITY.NOT_REGISTERED': n('the community of the route is not registered'),
  'COMMUNITY.ALREADY_REGISTERED': s('the community is registered with another kind or time zone'),
  'COMMUNITY.OCCURRED_BEFORE_PREVIOUS_STEP': s('occurredAt lies before the community\'s last recorded step'),
  'COMMUNITY.UNKNOWN_TERM': n('the committee term named is not recorded'),
  'COMMUNITY.NO_CENSUS_IN_FORCE': u('no census snapshot is in force on the date (the quorum denominator)', 'VM-1', 'RM-1', 'VM-9', 'RM-6'),
  'COMMUNITY.NO_REPRESENTATIVE_CONSTITUTION': u('no representative meeting constitution is in force on the date (its members are the quorum denominator)', 'VM-9', 'RM-4'),
  'COMMUNITY.REPRESENTATIVES_SHARE_TOO_LOW': u('representatives are less than 4/5 of the members', 'VM-9', 'RM-4'),
  'COMMUNITY.WOMEN_SHARE_TOO_LOW': u('women are less than 1/3 of the members', 'VM-9'),
  'COMMUNITY.HOUSEHOLDS_PER_REPRESENTATIVE_OUT_OF_RANGE': u('households per representative outside 5-15 (village) or 20-50 (urban, unless a reason is recorded)', 'VM-9', 'RM-6'),
  'COMMUNITY.OUTSIDE_COMMITTEE_TERM': u('the constitution takes effect outside the committee term', 'VM-9', 'RM-6'),
  'COMMUNITY.AUTHORISATION_NOT_GRANTED': u('the granting decision is not an adopted, unrevoked decision of the plenary meeting', 'VM-6', 'RM-7'),
  'COMMUNITY.NOT_THE_WATCHDOG': f('only the watchdog records a missed meeting cadence'),
  'COMMUNITY.CADENCE_NOT_REQUIRED': u('the community\'s kind or the text in force does not require this cadence', 'VM-4', 'VM-10', 'RM-4'),
  'COMMUNITY.CADENCE_PERIOD_NOT_OVER': s('the period is not over yet', 'VM-4', 'VM-10', 'RM-4'),
  'COMMUNITY.CADENCE_MET': s('a meeting was held in the period', 'VM-4', 'VM-10', 'RM-4'),

  // Meetings
  'MEETING.INVALID_INPUT': v('a field of a meeting step is invalid'),
  'MEETING.OCCURRED_AT_INVALID': v('occurredAt is not a valid time'),
  'MEETING.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'MEETING.SCHEDULED_BEFORE_NOTICE': v('scheduledFor lies before the notice (occurredAt)'),
  'MEETING.NOT_FOUND': n('no meeting with this id'),
  'MEETING.DECISION_NOT_FOUND': n('the meeting has no such agenda item'),
  'MEETING.NOT_CONVENER': f('the caller\'s roles may not convene this kind of meeting'),
  'MEETING.NOT_CORRECTION_AUTHORITY': f('only the township government (village) or the district government / street office (urban) orders a correction'),
  'MEETING.OCCURRED_BEFORE_PREVIOUS_STEP': s('occurredAt lies before the meeting\'s last recorded step'),
  'MEETING.ALREADY_CONVENED': s('the meeting is already convened'),
  'MEETING.NOT_CONVENED': s('the meeting has not been convened'),
  'MEETING.UNKNOWN_AGENDA_ITEM': n('the item is not on the agenda'),
  'MEETING.AGENDA_CLOSED': s('items are added only before the meeting is held'),
  'MEETING.ATTENDANCE_ALREADY_RECORDED': s('attendance is recorded once'),
  'MEETING.ATTENDANCE_NOT_RECORDED': s('record attendance first'),
  'MEETING.ITEM_ALREADY_VOTED': s('the item was already voted on'),
  'MEETING.QUORUM_NOT_MET': s('the meeting is inquorate: it cannot vote', 'VM-5', 'VM-10', 'VM-11', 'RM-3', 'RM-5'),
  'MEETING.MEETING_CLOSED': s('the meeting is closed', 'VM-5', 'VM-10', 'VM-11', 'RM-3', 'RM-5'),
  'MEETING.PRE_DELIBERATION_AFTER_DECISION': s('the item was already decided', 'VM-7', 'RM-7'),
  'MEETING.NO_DECISION': s('the item has no adopted decision', 'VM-8', 'VM-12', 'VM-13', 'RM-8'),
  'MEETING.DECISION_REVOKED': s('the decision is already revoked', 'VM-8', 'VM-12', 'VM-13', 'RM-8'),
  'MEETING.HELD_BEFORE_NOTIFIED_DATE': u('the meeting was held before the date the notice gave', 'VM-3', 'RM-2'),
  'MEETING.NOTICE_TOO_SHORT': u('less than 10 days\' notice and no urgency recorded (2025 texts)', 'VM-3', 'RM-2'),
  'MEETING.ROSTER_NOT_IN_FORCE': u('the roster takes effect after the meeting date', 'VM-1', 'RM-1'),
  'MEETING.ROSTER_EMPTY': u('the roster has no members to count a quorum against', 'VM-1', 'VM-5', 'VM-9', 'VM-11', 'RM-1', 'RM-3', 'RM-4'),
  'MEETING.RESERVED_MATTER_NOT_AUTHORISED': u('a reserved matter before a representative meeting without an authorisation in force', 'VM-6', 'RM-7'),
  'MEETING.PRE_DELIBERATION_AFTER_MEETING': u('the Party deliberation is dated after the meeting', 'VM-7', 'RM-7'),
  'MEETING.PARTY_PRE_DELIBERATION_MISSING': u('an important matter is decided without the Party organisation\'s prior deliberation', 'VM-7', 'RM-7'),
  'MEETING.NOT_A_HIGHER_MEETING': u('only a higher (plenary) meeting overrules', 'VM-8'),
  'MEETING.OVERRULING_DECISION_NOT_IN_FORCE': u('the overruling decision is not adopted and in force', 'VM-8'),

  // Consultations
  'CONSULTATION.INVALID_INPUT': v('a field of a consultation step is invalid', 'CS-5', 'CS-8', 'CS-9', 'CS-11', 'CS-12', 'CS-13', 'CS-14', 'SV-5'),
  'CONSULTATION.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'CONSULTATION.NOT_FOUND': n('no consultation with this id'),
  'CONSULTATION.MEETING_DECISION_NOT_FOUND': n('the meeting has no such agenda item'),
  'CONSULTATION.NOT_AN_ORGANISER': f('only the Party organisation, the committee or the township Party committee organise a consultation'),
  'CONSULTATION.CORRECTION_NOT_ALLOWED': f('only the township government / street office corrects a result'),
  'CONSULTATION.NOT_THE_WATCHDOG': f('only the deadline watchdog records a missed deadline'),
  'CONSULTATION.NOT_STARTED': s('the consultation has not started', 'CS-5'),
  'CONSULTATION.ALREADY_STARTED': s('opinions were already solicited', 'CS-5'),
  'CONSULTATION.CLOSED': s('the consultation is closed'),
  'CONSULTATION.WITHDRAWN': s('the consultation was withdrawn'),
  'CONSULTATION.OCCURRED_BEFORE_PREVIOUS_STEP': s('occurredAt lies before the previous step'),
  'CONSULTATION.STEP_OUT_OF_ORDER': s('the step needs an earlier one first', 'CS-3', 'CS-4', 'CS-5', 'CS-8', 'CS-9', 'CS-10', 'CS-11', 'CS-12'),
  'CONSULTATION.TOPIC_ALREADY_PROPOSED': s('the topic was already proposed', 'CS-5'),
  'CONSULTATION.PARTICIPANTS_FIXED': s('participants were notified; they can no longer change', 'CS-5'),
  'CONSULTATION.ALREADY_HELD': s('the session is already recorded', 'CS-5'),
  'CONSULTATION.OPINION_FROZEN': s('the opinion is formed; its content is frozen', 'CS-3', 'CS-5', 'CS-9'),
  'CONSULTATION.AWAITING_MEETING_DECISION': s('a referred matter is settled by the meeting decision', 'CS-3'),
  'CONSULTATION.MEETING_NOT_DECIDED': s('the meeting has not voted on the item yet', 'CS-3'),
  'CONSULTATION.NOTHING_TO_IMPLEMENT': s('the meeting rejected the matter', 'CS-3'),
  'CONSULTATION.NOT_COMMISSIONED': s('only a commissioned matter is reported to its commissioner', 'CS-11'),
  'CONSULTATION.CANNOT_CLOSE': s('a step closure needs is missing', 'CS-3', 'CS-4', 'CS-5', 'CS-9', 'CS-11'),
  'CONSULTATION.DEADLINE_MET': s('the step the deadline is for is done', 'CS-3', 'CS-12'),
  'CONSULTATION.DEADLINE_NOT_PASSED': s('the deadline has not passed', 'CS-3', 'CS-12'),
  'CONSULTATION.TOWNSHIP_LEAD_REQUIRED': u('a cross-community matter is proposed and led by the township/street Party committee', 'CS-7'),
  'CONSULTATION.PROPOSER_NOT_ALLOWED': u('a single-community topic is proposed by the community Party organisation or the committee', 'CS-5'),
  'CONSULTATION.NO_POLICY_IN_FORCE': u('the locality has no consultation policy in force on the date', 'CS-13'),
  'CONSULTATION.POLICY_NOT_IN_FORCE': u('the policy version passed is not the locality\'s policy in force', 'CS-13'),
  'CONSULTATION.NOT_IN_CATALOGUE': u('the topic is not an entry of the locality\'s catalogue for its content class', 'CS-13'),
  'CONSULTATION.PARTICIPANT_NOT_NOTIFIED': u('a participant was not notified', 'CS-5'),
  'CONSULTATION.NOTICE_TOO_SHORT': u('notice shorter than the locality\'s lead time', 'CS-5'),
  'CONSULTATION.FORM_NOT_RECOGNISED': u('the form is neither national nor added by the locality', 'CS-15'),
  'CONSULTATION.HEARING_REQUIRED': u('a high-impact matter uses a special council or a democratic hearing', 'CS-6'),
  'CONSULTATION.REFERRAL_REQUIRED': u('an unresolved or seriously contested matter goes to a meeting', 'CS-9'),
  'CONSULTATION.DISSENTER_NOT_BRIEFED': u('a dissenter was left out of the briefing', 'CS-9'),
  'CONSULTATION.PARTICIPANT_NOT_INFORMED': u('a participant was not given feedback', 'CS-5'),
  'CONSULTATION.CHANNEL_NOT_IN_POLICY': u('a channel is not one of the locality\'s publication channels', 'CS-12'),
  'CONSULTATION.POSTING_TOO_SHORT': u('posted for less than 15 days (2025 texts)', 'PD-3'),
  'CONSULTATION.DEVIATION_NOT_ALLOWED': u('the step is fixed by law and cannot be skipped', 'CS-1', 'CS-3', 'CS-4', 'PD-3'),
  'CONSULTATION.MEETING_OF_ANOTHER_COMMUNITY': u('the meeting belongs to another community', 'CS-9'),
  'CONSULTATION.MEETING_KIND_MISMATCH': u('the matter was referred to another kind of meeting', 'CS-9'),

  // Supervision committees, obligations and appraisals
  'SUPERVISION.INVALID_INPUT': v('a field of a supervision step is invalid'),
  'SUPERVISION.OCCURRED_AT_INVALID': v('occurredAt is not a valid time'),
  'SUPERVISION.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'SUPERVISION.UNKNOWN_TERM': n('the committee term named is not recorded'),
  'SUPERVISION.UNKNOWN_KINSHIP': n('no kinship with this id is declared'),
  'SUPERVISION.UNKNOWN_INQUIRY': n('no inquiry with this id'),
  'SUPERVISION.UNKNOWN_FINDING': n('no finding with this id'),
  'SUPERVISION.UNKNOWN_RECTIFICATION': n('no rectification with this id'),
  'SUPERVISION.INQUIRY_ALREADY_ANSWERED': s('the inquiry was already answered', 'SV-12'),
  'SUPERVISION.RECTIFICATION_CLOSED': s('the rectification is closed', 'SV-12'),
  'SUPERVISION.NOT_REPORTED': s('the rectification has not been reported yet', 'SV-12'),
  'SUPERVISION.RECTIFICATION_DUE_IN_PAST': u('a rectification is due after the finding', 'SV-12'),
  'SUPERVISION.NOT_THE_WATCHDOG': f('only the watchdog records a missed publication'),
  'SUPERVISION.OCCURRED_BEFORE_PREVIOUS_STEP': s('occurredAt lies before the last recorded step'),
  'SUPERVISION.COMMITTEE_ALREADY_ACTIVE': s('a supervision committee is already active for the term', 'SV-4'),
  'SUPERVISION.NO_ACTIVE_COMMITTEE': s('no supervision committee is active', 'SV-1'),
  'SUPERVISION.MEETING_NOT_HELD': s('the appraising meeting has not been held', 'SV-7'),
  'SUPERVISION.PERIOD_NOT_OVER': s('the period is not over yet', 'PD-2', 'PD-5'),
  'SUPERVISION.CADENCE_MET': s('a publication of the category was posted in the period', 'PD-2', 'PD-5'),
  'SUPERVISION.OBLIGATION_NOT_DUE': s('the publication obligation is not due yet', 'PD-1', 'PD-2', 'PD-5', 'PD-6', 'CS-4'),
  'SUPERVISION.OBLIGATION_MET': s('the obligation was published in time', 'PD-1', 'PD-2', 'PD-5', 'PD-6', 'CS-4'),
  'SUPERVISION.WRONG_ELECTING_BODY': u('members are elected by the villagers\'/residents\' (representative) meeting', 'SV-2'),
  'SUPERVISION.ELECTION_NOT_ADOPTED': u('the electing decision is not adopted and in force', 'SV-2'),
  'SUPERVISION.OUTSIDE_TERM': u('the mandate lies outside the committee term', 'SV-4'),
  'SUPERVISION.ONE_DIRECTOR': u('the committee has exactly one director', 'SV-9'),
  'SUPERVISION.NO_FINANCE_OR_MANAGEMENT_COMPETENCE': u('no member has finance or management competence', 'SV-2'),
  'SUPERVISION.MEMBER_INELIGIBLE': u('a committee member or a near relative of one may not serve', 'SV-3', 'SV-10'),
  'SUPERVISION.JUSTIFICATION_REQUIRED': u('a composition outside the recommended shape needs a recorded justification', 'SV-9'),
  'SUPERVISION.WRONG_APPRAISING_MEETING': u('the appraisal is held at a villagers\'/residents\' (representative) meeting', 'SV-7'),
  'SUPERVISION.NO_HOSTING_COMMITTEE': u('no supervision committee was in office to host the appraisal', 'SV-7'),
  'SUPERVISION_POLICY.INVALID': v('a field of the policy is invalid'),
  'SUPERVISION_POLICY.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'SUPERVISION_POLICY.RETROACTIVE': v('effectiveFrom lies before the adoption date'),
  'SUPERVISION_POLICY.NOT_ALLOWED': f('only the township/district government, street office or civil-affairs office sets supervision policy'),
  'SUPERVISION_POLICY.NOT_AFTER_PREVIOUS': s('effectiveFrom must follow the previous version\'s'),

  // Publications (村务/居务公开)
  'PUBLICATION.INVALID_INPUT': v('a field of a publication step is invalid'),
  'PUBLICATION.OCCURRED_AT_INVALID': v('occurredAt is not a valid time'),
  'PUBLICATION.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'PUBLICATION.NOT_FOUND': n('no publication with this id'),
  'PUBLICATION.NOT_DRAFTED': n('no publication with this id is drafted'),
  'PUBLICATION.UNKNOWN_QUERY': n('no query with this id was raised on the publication'),
  'PUBLICATION.NOT_THE_SUPERVISION_COMMITTEE': f('only the supervision committee reviews a draft'),
  'PUBLICATION.OCCURRED_BEFORE_PREVIOUS_STEP': s('occurredAt lies before the last recorded step'),
  'PUBLICATION.ALREADY_DRAFTED': s('the publication already exists'),
  'PUBLICATION.ALREADY_REVIEWED': s('the draft was already reviewed', 'PD-8'),
  'PUBLICATION.ALREADY_POSTED': s('the publication is already posted', 'SV-8'),
  'PUBLICATION.NOT_POSTED': s('the publication is not posted'),
  'PUBLICATION.QUERY_ALREADY_ANSWERED': s('the query was already answered', 'PD-3'),
  'PUBLICATION.NOT_REVIEWED': u('posted without the supervision committee\'s approval', 'PD-8'),
  'PUBLICATION.POSTING_TOO_SHORT': u('posted for less than 15 days (2025 texts)', 'PD-3', 'PD-5'),

  // Work-item lists (社区工作事项清单, 准入)
  'WORK_LIST.INVALID_ITEM': v('an item of the list is invalid', 'WL-1', 'WL-3', 'WL-6'),
  'WORK_LIST.RETROACTIVE': v('a version takes effect before its publication'),
  'WORK_LIST.NOT_FOUND': n('no list set with this id'),
  'WORK_LIST.NO_VERSION': n('the list set has no published version'),
  'WORK_LIST.ITEM_UNKNOWN': n('the item is not on the lists'),
  'WORK_LIST.IMPORT_UNKNOWN': n('no items were imported under this import id'),
  'WORK_LIST.NOT_ALLOWED': f('the caller\'s roles may not keep this list set'),
  'WORK_LIST.SET_EXISTS': s('the list set is already established'),
  'WORK_LIST.SET_NOT_ESTABLISHED': s('no list set is established for the community\'s city', 'WL-3'),
  'WORK_LIST.ITEM_EXISTS': s('the item is already on the lists'),
  'WORK_LIST.DUPLICATE_ITEM': s('the item is imported twice'),
  'WORK_LIST.IMPORT_INCOMPLETE': s('the import is not complete'),
  'WORK_LIST.IMPORT_SOURCE_CHANGED': s('the import id was used for another source'),
  'WORK_LIST.VERSION_OUT_OF_ORDER': s('versions are published in order'),
  'WORK_LIST.CHANGE_NOT_APPROVED': s('the change request is not approved', 'WL-3'),
  'WORK_LIST.NO_VERSION_IN_FORCE': s('no version of the lists is in force'),
  'WORK_LIST.NO_POLICY_IN_FORCE': u('the jurisdiction has no admission policy in force', 'WL-3'),
  'WORK_LIST.ASSISTANCE_ITEM_UNFOUNDED': u('an assistance item needs a legal basis and the commissioning department\'s funding', 'WL-1'),
  'WORK_LIST.OWNER_LEVEL': u('the lists are kept at prefecture-city level (villages: county)', 'WL-3', 'WL-6'),
  'WORK_LIST.PROVINCIAL_APPROVAL_REQUIRED': u('a new village-level mechanism needs provincial approval', 'WL-6'),
  'WORK_LIST_POLICY.INVALID': v('a field of the admission policy is invalid'),
  'WORK_LIST_POLICY.INVALID_CALENDAR': v('the working-day calendar is invalid'),
  'WORK_LIST_POLICY.RETROACTIVE': v('effectiveFrom lies before the adoption date'),
  'WORK_LIST_POLICY.NOT_ALLOWED': f('the caller\'s roles may not set the admission policy'),
  'WORK_LIST_POLICY.NOT_AFTER_PREVIOUS': s('effectiveFrom must follow the previous version\'s'),
  'CHANGE_REQUEST.INVALID': v('a field of the change request is invalid'),
  'CHANGE_REQUEST.RETROACTIVE': v('a change takes effect before its approval'),
  'CHANGE_REQUEST.NOT_FOUND': n('no change request with this id'),
  'CHANGE_REQUEST.NOT_ALLOWED': f('the caller\'s roles may not take this step of a change request'),
  'CHANGE_REQUEST.EXISTS': s('the change request is already filed'),
  'CHANGE_REQUEST.DECIDED': s('the change request is decided', 'WL-3'),
  'CHANGE_REQUEST.ALREADY_REVIEWED': s('the change request was already reviewed'),
  'CHANGE_REQUEST.ALREADY_ANSWERED': s('the consultation of the communities was already answered'),
  'CHANGE_REQUEST.NOT_CONSULTED': s('the communities were not consulted yet', 'WL-3'),
  'CHANGE_REQUEST.NOT_REVIEWED': s('the change request was not reviewed yet', 'WL-3'),
  'CHANGE_REQUEST.NOT_OVERDUE': s('the decision is not overdue'),
  'CHANGE_REQUEST.NO_PROVINCIAL_APPROVAL_NEEDED': s('the change needs no provincial approval', 'WL-6'),
  'CHANGE_REQUEST.APPLIED_TOO_LATE': u('the request was filed later than the policy\'s lead time', 'WL-3'),
  'CHANGE_REQUEST.PROVINCIAL_APPROVAL_REQUIRED': u('a new village-level mechanism needs provincial approval', 'WL-6'),
  'ASSIGNMENT.INVALID': v('a field of the assignment is invalid'),
  'ASSIGNMENT.WRONG_LIST_SET': v('the assignment names another list set than the community\'s'),
  'ASSIGNMENT.REFUSAL_CITATION': v('a refusal cites the list entry or the missing admission'),
  'ASSIGNMENT.NOT_FOUND': n('no assignment with this id'),
  'ASSIGNMENT.NOT_ALLOWED': f('the caller\'s roles may not take this step of an assignment'),
  'ASSIGNMENT.EXISTS': s('the assignment is already recorded'),
  'ASSIGNMENT.ALREADY_REFUSED': s('the assignment was already refused'),
  'EXEMPTION.INVALID': v('a field of the emergency exemption is invalid'),
  'EXEMPTION.TOO_LONG': v('the exemption lasts longer than allowed'),
  'EXEMPTION.NOT_FOUND': n('no emergency exemption with this id'),
  'EXEMPTION.NOT_ALLOWED': f('the caller\'s roles may not declare an emergency exemption'),
  'EXEMPTION.EXISTS': s('the exemption is already declared'),
  'ASSESSMENT.INVALID': v('a field of the assessment is invalid'),
  'ASSESSMENT.NO_ADMITTED_ITEM': v('the assessment names no admitted item'),
  'ASSESSMENT.NOT_ALLOWED': f('the caller\'s roles may not record an assessment'),

  // Locality policy
  'LOCALITY_POLICY.INVALID': v('a field of the policy is invalid'),
  'LOCALITY_POLICY.OCCURRED_IN_FUTURE': v('occurredAt lies in the future'),
  'LOCALITY_POLICY.RETROACTIVE': v('effectiveFrom lies before the adoption date'),
  'LOCALITY_POLICY.NOT_ALLOWED': f('only the township/district government or civil-affairs office sets locality policy'),
  'LOCALITY_POLICY.NOT_AFTER_PREVIOUS': s('effectiveFrom must follow the previous version\'s'),
} as const satisfies Record<string, Spec>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The codes of one kind, e.g. `ProblemCodeOf<'unprocessable'>` for RuleViolationError. */
export type ProblemCodeOf<K extends ProblemKind> = { [C in ProblemCode]: (typeof PROBLEM_CODES)[C]['kind'] extends K ? C : never }[ProblemCode];

/** The codes of one kind under one prefix, without it: `SuffixOf<'illegal_state', 'MEETING'>` is `'ALREADY_CONVENED' | ...`. */
export type SuffixOf<K extends ProblemKind, P extends string> = ProblemCodeOf<K> extends infer C ? (C extends `${P}.${infer R}` ? R : never) : never;
