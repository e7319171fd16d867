import { PROVENANCE_SCHEMA, entitySchema, pageSchema, type Schema } from '../openapi/entity-schema';
import { AssignmentEntity, ChangeRequestEntity, OversightEntity, WorkListSetEntity } from '../../../projections/work-item-lists/work-list.entities';

/** Typed 200 bodies of the work-item list reads (OpenAPI). */
const str = { type: 'string' };
const int = { type: 'integer' };
const SOURCE: Schema = {
  type: 'object',
  description: 'the approved change request or the import that made the version',
  properties: { kind: { type: 'string', enum: ['change_request', 'import'] }, changeRequestId: str, approvedBy: str, approvedOn: str, importId: str, sourceDocument: str },
};
const COUNTS: Schema = { description: 'items per list (duty, assistance, negative, certificate, mechanism, assessment, ledger)' };
const ITEM_FIELDS: Record<string, Schema> = {
  itemId: str, list: str, category: str, subcategory: str, title: str, responsibleDepartment: str, legalBasis: str,
  funding: { type: 'object', properties: { kind: str, departmentRef: str } },
};
const ITEM: Schema = { type: 'object', properties: ITEM_FIELDS };
const LISTED_ITEM: Schema = {
  type: 'object',
  properties: { ...ITEM_FIELDS, addedBy: { type: 'object', description: 'the version and approval that made the item read so', properties: { version: int, effectiveFrom: str, source: SOURCE, provenance: PROVENANCE_SCHEMA } } },
};

export const LIST_SET_SCHEMA = entitySchema(WorkListSetEntity);

export const LIST_VIEW_SCHEMA: Schema = {
  type: 'object',
  properties: { jurisdictionId: str, asOf: str, version: int, effectiveFrom: str, source: SOURCE, provenance: PROVENANCE_SCHEMA, counts: COUNTS, items: { type: 'array', items: LISTED_ITEM } },
};

const VERSION_REF: Schema = { type: 'object', properties: { version: int, effectiveFrom: str } };
export const LIST_DIFF_SCHEMA: Schema = {
  type: 'object',
  properties: {
    jurisdictionId: str, from: VERSION_REF, to: VERSION_REF, added: { type: 'array', items: LISTED_ITEM }, removed: { type: 'array', items: ITEM },
    amended: { type: 'array', items: { type: 'object', properties: { before: ITEM, after: LISTED_ITEM } } },
  },
};

export const BURDEN_TREND_SCHEMA: Schema = {
  type: 'object',
  properties: {
    jurisdictionId: str,
    lists: { type: 'array', items: str },
    points: { type: 'array', items: { type: 'object', properties: { version: int, effectiveFrom: str, total: int, counts: COUNTS, provenance: PROVENANCE_SCHEMA } } },
    grewBack: { type: 'boolean', description: 'a list grew again after a version reduced it (越减越多)' },
    regrowth: {
      type: 'array',
      items: { type: 'object', properties: { list: str, reducedAtVersion: int, before: int, reducedTo: int, grewBackAtVersion: int, grewTo: int, backToOrAboveBefore: { type: 'boolean' } } },
    },
  },
};

const OVERDUE = { overdue: { type: 'boolean', description: 'undecided after its decision due date (as of asOf)' }, daysLate: int };
export const CHANGE_REQUEST_SCHEMA = entitySchema(ChangeRequestEntity, OVERDUE);
export const CHANGE_REQUEST_QUEUE_SCHEMA: Schema = {
  type: 'object',
  required: ['asOf', 'items', 'nextCursor'],
  properties: { asOf: str, ...(pageSchema(CHANGE_REQUEST_SCHEMA)['properties'] as Record<string, Schema>) },
};

export const ASSIGNMENTS_SCHEMA = pageSchema(entitySchema(AssignmentEntity));

export const ADMISSIONS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    jurisdictionId: str,
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          departmentRef: str, communityId: str, admitted: int, refused: int, emergencyAdmitted: int, refusedByCommunity: int,
          reasons: { type: 'array', items: { type: 'object', properties: { reason: str, rule: str, count: int } } },
        },
      },
    },
  },
};

export const OVERSIGHT_SCHEMA: Schema = { type: 'object', properties: { jurisdictionId: str, items: { type: 'array', items: entitySchema(OversightEntity) } } };
