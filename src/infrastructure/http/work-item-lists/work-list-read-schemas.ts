import { AssignmentEntity, ChangeRequestEntity, OversightEntity, WorkListSetEntity } from '../../../projections/work-item-lists/work-list.entities';
import { entitySchema, pageSchema } from '../openapi/entity-schema';
import { DATE, TEXT, viewSchema } from '../openapi/view-schema';

const VERSION = { type: 'object', properties: { version: { type: 'integer' }, effectiveFrom: DATE } };

export const WORK_LIST_SET_SCHEMA = entitySchema(WorkListSetEntity);
export const WORK_LIST_ITEMS_SCHEMA = viewSchema(
  { jurisdictionId: TEXT, asOf: DATE, version: { type: 'integer' }, effectiveFrom: DATE, source: 'where the version came from', provenance: 'the event that made this version', counts: 'items per list', items: 'the items in force, each with the version and approval that added it' },
  ['jurisdictionId', 'version', 'effectiveFrom', 'items'],
);
export const WORK_LIST_DIFF_SCHEMA = viewSchema({ jurisdictionId: TEXT, from: VERSION, to: VERSION, added: 'items added', removed: 'items removed', amended: 'items amended: before and after' });
export const BURDEN_TREND_SCHEMA = viewSchema({ jurisdictionId: TEXT, lists: 'the lists', points: 'items per list per version', grewBack: { type: 'boolean' }, regrowth: 'versions where a list grew back after a reduction' });
export const CHANGE_REQUEST_PAGE_SCHEMA = { ...pageSchema(entitySchema(ChangeRequestEntity)), properties: { ...(pageSchema(entitySchema(ChangeRequestEntity))['properties'] as object), asOf: DATE } };
export const CHANGE_REQUEST_SCHEMA = entitySchema(ChangeRequestEntity, { overdue: { type: 'boolean' } });
export const ASSIGNMENT_PAGE_SCHEMA = pageSchema(entitySchema(AssignmentEntity));
export const ADMISSIONS_SCHEMA = viewSchema({ jurisdictionId: TEXT, groups: 'per department and community: admitted, refused by reason and rule, refused by the community' });
export const OVERSIGHT_SCHEMA = viewSchema({ jurisdictionId: TEXT, items: { type: 'array', items: entitySchema(OversightEntity) } });
