import { PROVENANCE_SCHEMA, type Schema } from '../openapi/entity-schema';

const DATE: Schema = { type: 'string', format: 'date', example: '2026-03-31' };
const S: Schema = { type: 'string' };
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({ type: 'object', required, properties });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const PROV_OR_NULL: Schema = { ...PROVENANCE_SCHEMA, nullable: true };

const MEMBER = obj({ personRef: S, role: { type: 'string', enum: ['director', 'member'] }, competences: arr(S), basis: S, eligibility: { type: 'string', enum: ['eligible', 'conflict'] }, conflicts: arr(S) });
const CONFLICT = obj({
  conflictId: S, committeeId: S, memberRef: S, rule: { type: 'string', enum: ['SV-3', 'SV-10'] }, cause: { type: 'string', enum: ['holds_post', 'near_relative'] },
  officeHolderRef: S, post: S, kinshipId: { type: 'string', nullable: true }, relation: { type: 'string', nullable: true }, status: { type: 'string', enum: ['open', 'cleared'] },
  detectedOn: DATE, clearedOn: { ...DATE, nullable: true }, provenance: PROVENANCE_SCHEMA, clearedBy: PROV_OR_NULL,
});

/** GET /communities/{id}/supervision-committee */
export const ROSTER_SCHEMA: Schema = obj({
  communityId: S,
  asOf: DATE,
  activeCommitteeId: { type: 'string', nullable: true },
  flags: arr(obj({ rule: S, code: S, detail: S })),
  committees: arr(obj({
    committeeId: S, termId: S, communityKind: S, mandateStartsOn: DATE, mandateEndsOn: DATE, status: { type: 'string', enum: ['in_office', 'mandate_ended', 'not_yet_in_office'] },
    eligibility: { type: 'string', enum: ['eligible', 'conflict'] }, members: arr(MEMBER),
    electedBy: obj({ meetingId: S, itemId: S, meetingKind: S, decidedOn: DATE }),
    warnings: arr(obj({ rule: S, code: S, detail: S })), justification: { type: 'string', nullable: true }, ruleText: S,
    eligibilityBasis: obj({ officeHoldersRecordId: { type: 'string', nullable: true }, nearRelativeRelations: arr(S), extendedExclusions: arr(S) }),
    provenance: PROVENANCE_SCHEMA,
  })),
  conflicts: arr(CONFLICT),
  kinships: arr(obj({ kinshipId: S, personRef: S, relativeRef: S, relation: S, status: { type: 'string', enum: ['declared', 'withdrawn'] }, provenance: PROVENANCE_SCHEMA })),
  misconductReports: arr(obj({ reportId: S, committeeId: S, title: S, documentHash: S, governmentRef: S, supervisoryOrganRef: S, reportedAt: S, provenance: PROVENANCE_SCHEMA })),
  provenance: PROV_OR_NULL,
});

const BOARD_ENTRY = obj({
  publicationId: S, category: S, periodFrom: DATE, periodTo: DATE, title: S, documentHash: S, channels: arr(S), postedFrom: DATE, postedUntil: DATE, postingDays: { type: 'integer' },
  corrections: arr(obj({ correctionId: S, title: S, documentHash: S, correctedAt: S, provenance: PROVENANCE_SCHEMA })),
  provenance: PROVENANCE_SCHEMA,
});

/** GET /communities/{id}/public-board */
export const PUBLIC_BOARD_SCHEMA: Schema = obj({ communityId: S, asOf: DATE, postedNow: arr(BOARD_ENTRY), history: arr(BOARD_ENTRY) });

const PERIOD = obj({
  category: S, rule: { type: 'string', enum: ['PD-2', 'PD-5'] }, unit: { type: 'string', enum: ['month', 'quarter', 'half', 'year'] }, period: { type: 'string', example: '2026-Q1' },
  start: DATE, end: DATE, status: { type: 'string', enum: ['met', 'missed', 'open'] }, publicationIds: arr(S), recordedBy: PROV_OR_NULL,
});

/** GET /communities/{id}/publication-cadence */
export const CADENCE_SCHEMA: Schema = obj({
  communityId: S, asOf: DATE, from: DATE, policyVersion: { type: 'integer', nullable: true }, policyLocalityId: { type: 'string', nullable: true },
  settings: obj({ financeMonthly: { type: 'boolean' }, urbanCadence: S }), missing: arr(PERIOD), periods: arr(PERIOD),
});

/** GET /communities/{id}/publication-obligations */
export const OBLIGATIONS_SCHEMA: Schema = obj({
  communityId: S, asOf: DATE,
  obligations: arr(obj({
    obligationId: S, source: { type: 'string', enum: ['meeting_decision', 'funds_received', 'urban_appraisal', 'publication_order', 'consultation_result', 'consultation_implementation'] }, rule: S, category: S, openedOn: DATE, dueBy: DATE,
    status: { type: 'string', enum: ['open', 'overdue', 'met', 'met_late'] }, provenance: PROVENANCE_SCHEMA,
    coveredBy: { ...obj({ publicationId: S, postedFrom: DATE, provenance: PROVENANCE_SCHEMA }), nullable: true }, missRecordedBy: PROV_OR_NULL,
  })),
  provenance: PROV_OR_NULL,
});

/** GET /communities/{id}/appraisals */
export const APPRAISALS_SCHEMA: Schema = obj({
  communityId: S, yearsAppraised: arr(S),
  cadres: arr(obj({
    cadreRef: S,
    appraisals: arr(obj({
      appraisalId: S, year: S, heldOn: DATE, meetingId: S, hostedByCommitteeId: S, competent: { type: 'integer' }, basicallyCompetent: { type: 'integer' }, incompetent: { type: 'integer' },
      verdict: { type: 'string', enum: ['competent', 'basically_competent', 'incompetent'] }, formula: S, threshold: S, provenance: PROVENANCE_SCHEMA,
    })),
    mandateTerminated: { ...obj({ terminatedOn: DATE, appraisalIds: arr(S), provenance: PROVENANCE_SCHEMA }), nullable: true },
  })),
  missedYears: arr(obj({ year: S, dueBy: DATE, provenance: PROVENANCE_SCHEMA })),
  provenance: PROV_OR_NULL,
});

/** GET /communities/{id}/casebook */
export const CASEBOOK_SCHEMA: Schema = obj({
  communityId: S, asOf: DATE,
  inquiries: arr(obj({
    inquiryId: S, committeeId: S, domain: S, subject: S, question: S, answerDueBy: { ...DATE, nullable: true }, raisedAt: S, answer: { type: 'string', nullable: true }, answeredAt: { type: 'string', nullable: true },
    status: { type: 'string', enum: ['open', 'answered'] }, overdue: { type: 'boolean' }, provenance: PROVENANCE_SCHEMA, answeredBy: PROV_OR_NULL,
  })),
  findings: arr(obj({ findingId: S, committeeId: S, domain: S, title: S, documentHash: S, inquiryId: { type: 'string', nullable: true }, recordedAt: S, provenance: PROVENANCE_SCHEMA })),
  rectifications: arr(obj({
    rectificationId: S, findingId: S, requirement: S, dueBy: DATE, status: { type: 'string', enum: ['requested', 'reported', 'rectified', 'not_rectified'] }, overdue: { type: 'boolean' },
    reportHash: { type: 'string', nullable: true }, reportedOn: { ...DATE, nullable: true }, closedOn: { ...DATE, nullable: true }, provenance: PROVENANCE_SCHEMA, history: arr(PROVENANCE_SCHEMA),
    overdueRecordedBy: PROV_OR_NULL,
  })),
  provenance: PROV_OR_NULL,
});

/** GET /publications/{id} */
export const PUBLICATION_RECORD_SCHEMA: Schema = obj({
  publicationId: S, communityId: S, category: S, periodFrom: DATE, periodTo: DATE, status: { type: 'string', enum: ['draft', 'posted'] }, title: S, documentHash: S, channels: arr(S), covers: arr(S),
  reviewRequired: { type: 'boolean' }, review: { type: 'string', enum: ['not_required', 'pending', 'returned', 'approved'] }, draftRevision: { type: 'integer' },
  postedFrom: { ...DATE, nullable: true }, postedUntil: { ...DATE, nullable: true }, postingDays: { type: 'integer', nullable: true }, minimumPostingDays: { type: 'integer', nullable: true }, ruleText: { type: 'string', nullable: true },
  drafts: arr(obj({ draftRevision: { type: 'integer' }, title: S, documentHash: S, provenance: PROVENANCE_SCHEMA })),
  reviews: arr(obj({ draftRevision: { type: 'integer' }, decision: S, comments: { type: 'string', nullable: true }, reviewedAt: S, provenance: PROVENANCE_SCHEMA })),
  corrections: arr(obj({ correctionId: S, title: S, documentHash: S, reason: S, correctedAt: S, provenance: PROVENANCE_SCHEMA })),
  queries: arr(obj({ queryId: S, residentRef: S, question: S, askedAt: S, answer: { type: 'string', nullable: true }, answeredAt: { type: 'string', nullable: true }, provenance: PROVENANCE_SCHEMA, answeredBy: PROV_OR_NULL })),
  postedBy: PROV_OR_NULL,
  provenance: PROVENANCE_SCHEMA,
});

/** GET /communities/{id}/publication-complaints (PD-4) */
export const COMPLAINTS_SCHEMA: Schema = obj({
  communityId: S, asOf: DATE,
  complaints: arr(obj({
    complaintId: S, ground: { type: 'string', enum: ['not_published', 'untrue'] }, category: S, publicationId: { type: 'string', nullable: true }, subject: S, complainantRef: S, filedWith: S, filedOn: DATE,
    status: { type: 'string', enum: ['filed', 'investigating', 'founded', 'unfounded', 'ordered'] }, investigationOpenedOn: { ...DATE, nullable: true },
    finding: { ...obj({ finding: { type: 'string', enum: ['founded', 'unfounded'] }, documentHash: S, decidedOn: DATE, provenance: PROVENANCE_SCHEMA }), nullable: true },
    order: { ...obj({ orderId: S, obligationId: S, dueBy: DATE, orderedOn: DATE, provenance: PROVENANCE_SCHEMA }), nullable: true },
    provenance: PROVENANCE_SCHEMA, history: arr(PROVENANCE_SCHEMA),
  })),
  provenance: PROV_OR_NULL,
});

/** GET /communities/{id}/expenditure-control (SV-15, SV-13) */
export const EXPENDITURE_CONTROL_SCHEMA: Schema = obj({
  communityId: S,
  vetoes: arr(obj({
    vetoId: S, committeeId: S, expenditureRef: S, title: S, documentHash: S, grounds: S, policyVersion: { type: 'integer', nullable: true }, vetoedOn: DATE,
    status: { type: 'string', enum: ['vetoed', 'appealed', 'upheld', 'overturned'] },
    appeal: { ...obj({ appellantRef: S, grounds: S, appealedOn: DATE, provenance: PROVENANCE_SCHEMA }), nullable: true },
    decidedBy: { ...obj({ meetingId: S, itemId: S, meetingKind: S, outcome: S, decidedOn: DATE, provenance: PROVENANCE_SCHEMA }), nullable: true },
    provenance: PROVENANCE_SCHEMA,
  })),
  vouchers: arr(obj({
    voucherId: S, expenditureRef: S,
    countersignatures: arr(obj({ committeeId: S, decision: { type: 'string', enum: ['signed', 'refused'] }, signerRef: S, comments: { type: 'string', nullable: true }, provenance: PROVENANCE_SCHEMA })),
    booked: { ...obj({ documentHash: S, bookedOn: DATE, countersignRequired: { type: 'boolean' }, countersignedBy: { type: 'string', nullable: true }, policyVersion: { type: 'integer', nullable: true }, provenance: PROVENANCE_SCHEMA }), nullable: true },
  })),
  provenance: PROV_OR_NULL,
});
