import { holdsRole } from '../shared/actor-roles';
import {
  ForbiddenError,
  IllegalStateError,
  RuleViolationError,
  ValidationError,
  assertNever,
  isPlainDate,
  localDate,
  versionInForceOn,
  type Command,
  type Decider,
  NotFoundError,
} from '../shared';
import { assertAssistanceItemFunded, cleanItem, itemProblems, type WorkItem } from './work-item';
import type { ListChange, VersionSource, WorkListSetEvent } from './list-set.events';
import {
  COMMUNITY_KINDS_OF_LISTS,
  DEFAULT_OWNER_LEVEL,
  LIST_RULE,
  OWNER_LEVELS,
  WORK_LIST_ROLES,
  type CommunityKindOfList,
  type OwnerLevel,
} from './work-list.vocabulary';

export const toWorkListSetStreamId = (jurisdictionId: string): string => `work-list-set-${jurisdictionId}`;

export type ListVersion = Readonly<{ version: number; effectiveFrom: string; items: Readonly<Record<string, WorkItem>>; source: VersionSource }>;

export type WorkListSet = Readonly<{
  established: null | Readonly<{ jurisdictionId: string; communityKind: CommunityKindOfList; level: OwnerLevel; coveredAreaRefs: readonly string[] }>;
  versions: readonly ListVersion[];
  /** Items imported but not yet published, per import. */
  staged: Readonly<Record<string, Readonly<{ sourceDocument: string; items: Readonly<Record<string, WorkItem>> }>>>;
  appliedChangeRequests: readonly string[];
}>;

/** The facts of an approved change request the publication rests on (read from its stream by the application). */
export type ApprovedChangeFact = Readonly<{
  changeRequestId: string;
  jurisdictionId: string;
  status: string;
  op: 'add' | 'amend' | 'remove';
  itemId: string;
  item: WorkItem | null;
  effectiveFrom: string;
  approvedBy: string;
  approvedOn: string;
  needsProvincialApproval: boolean;
  provincialApprovalRef: string | null;
}>;

export type EstablishWorkListSet = Command<
  'EstablishWorkListSet',
  { jurisdictionId: string; name: string; communityKind: CommunityKindOfList; level: OwnerLevel; coveredAreaRefs: readonly string[]; levelDeviationReason?: string }
>;
export type ImportWorkItem = Command<'ImportWorkItem', { jurisdictionId: string; importId: string; sourceDocument: string; line: number; item: WorkItem }>;
export type PublishImportedList = Command<'PublishImportedList', { jurisdictionId: string; importId: string; effectiveFrom: string; expectedItems: number }>;
export type PublishApprovedChange = Command<'PublishApprovedChange', { jurisdictionId: string; change: ApprovedChangeFact }>;
export type WorkListSetCommand = EstablishWorkListSet | ImportWorkItem | PublishImportedList | PublishApprovedChange;

export const listVersionInForceOn = (state: WorkListSet, date: string): ListVersion | undefined => versionInForceOn(state.versions, date);
export const latestVersion = (state: WorkListSet): ListVersion | undefined => state.versions[state.versions.length - 1];

const initialState = (): WorkListSet => ({ established: null, versions: [], staged: {}, appliedChangeRequests: [] });

export const applyChanges = (items: Readonly<Record<string, WorkItem>>, changes: readonly ListChange[]): Record<string, WorkItem> => {
  const next: Record<string, WorkItem> = { ...items };
  for (const change of changes) {
    if (change.op === 'remove' || change.item === null) delete next[change.itemId];
    else next[change.itemId] = change.item;
  }
  return next;
};

const evolve = (state: WorkListSet, event: WorkListSetEvent): WorkListSet => {
  switch (event.type) {
    case 'WorkListSetEstablished': {
      const { jurisdictionId, communityKind, level, coveredAreaRefs } = event.data;
      return { ...state, established: { jurisdictionId, communityKind, level, coveredAreaRefs } };
    }
    case 'WorkItemImported': {
      const { importId, sourceDocument, item } = event.data;
      const staged = state.staged[importId] ?? { sourceDocument, items: {} };
      return { ...state, staged: { ...state.staged, [importId]: { sourceDocument, items: { ...staged.items, [item.itemId]: item } } } };
    }
    case 'WorkListVersionPublished': {
      const d = event.data;
      const base = latestVersion(state)?.items ?? {};
      const items = d.source.kind === 'import' ? applyChanges({}, d.changes) : applyChanges(base, d.changes);
      const { [d.source.kind === 'import' ? d.source.importId : '']: _done, ...staged } = state.staged;
      const applied = d.source.kind === 'change_request' ? [...state.appliedChangeRequests, d.source.changeRequestId] : state.appliedChangeRequests;
      return { ...state, versions: [...state.versions, { version: d.version, effectiveFrom: d.effectiveFrom, items, source: d.source }], staged, appliedChangeRequests: applied };
    }
    default:
      return assertNever(event);
  }
};

const listKeeper = (roles: readonly string[], jurisdictionId: string): void => {
  if (!holdsRole(roles, WORK_LIST_ROLES.approvalBody, { jurisdiction: jurisdictionId }) && !holdsRole(roles, WORK_LIST_ROLES.civilAffairs, { jurisdiction: jurisdictionId })) {
    throw new ForbiddenError('WORK_LIST.NOT_ALLOWED', 'only the list approval body or the civil-affairs office of the jurisdiction keeps its lists');
  }
};

const established = (state: WorkListSet, jurisdictionId: string) => {
  if (state.established === null) throw new IllegalStateError('WORK_LIST.SET_NOT_ESTABLISHED', `no list set of ${jurisdictionId} is established`);
  return state.established;
};

const establish = ({ data, metadata }: EstablishWorkListSet, state: WorkListSet): WorkListSetEvent[] => {
  listKeeper(metadata.actorRoles, data.jurisdictionId);
  if (state.established !== null) throw new IllegalStateError('WORK_LIST.SET_EXISTS', `the list set of ${data.jurisdictionId} is established`);
  if (!COMMUNITY_KINDS_OF_LISTS.includes(data.communityKind)) throw new ValidationError('invalid list set', [{ field: 'communityKind', message: `one of ${COMMUNITY_KINDS_OF_LISTS.join(', ')}` }]);
  if (!(OWNER_LEVELS as readonly string[]).includes(data.level)) throw new ValidationError('invalid list set', [{ field: 'level', message: `one of ${OWNER_LEVELS.join(', ')}` }]);
  const rule = LIST_RULE[data.communityKind];
  const reason = data.levelDeviationReason?.trim() ?? '';
  if (data.level !== DEFAULT_OWNER_LEVEL[data.communityKind] && reason === '') {
    throw new RuleViolationError('WORK_LIST.OWNER_LEVEL', `${data.communityKind} lists are owned at ${DEFAULT_OWNER_LEVEL[data.communityKind]} level; another level needs a recorded reason`, rule);
  }
  return [{
    type: 'WorkListSetEstablished',
    data: { ...data, levelDeviationReason: reason === '' ? null : reason, coveredAreaRefs: [...data.coveredAreaRefs], rule, occurredAt: metadata.occurredAt.toISOString() },
  }];
};

const importItem = ({ data, metadata }: ImportWorkItem, state: WorkListSet): WorkListSetEvent[] => {
  listKeeper(metadata.actorRoles, data.jurisdictionId);
  established(state, data.jurisdictionId);
  const problems = itemProblems(data.item);
  if (data.sourceDocument.trim() === '') problems.push({ field: 'sourceDocument', message: 'cite the published document' });
  if (problems.length > 0) throw new ValidationError('invalid item', problems, 'WORK_LIST.INVALID_ITEM');
  assertAssistanceItemFunded(data.item);
  const item = cleanItem(data.item);
  const staged = state.staged[data.importId];
  if (staged !== undefined && staged.sourceDocument !== data.sourceDocument) {
    throw new IllegalStateError('WORK_LIST.IMPORT_SOURCE_CHANGED', `import ${data.importId} cites ${staged.sourceDocument}`);
  }
  const earlier = staged?.items[item.itemId];
  if (earlier !== undefined) {
    if (JSON.stringify(earlier) === JSON.stringify(item)) return [];
    throw new IllegalStateError('WORK_LIST.DUPLICATE_ITEM', `import ${data.importId} already holds another item ${item.itemId}`);
  }
  return [{ type: 'WorkItemImported', data: { ...data, item, occurredAt: metadata.occurredAt.toISOString() } }];
};

const assertEffectiveOrder = (state: WorkListSet, effectiveFrom: string, publishedOn: string): void => {
  if (!isPlainDate(effectiveFrom)) throw new ValidationError('invalid date', [{ field: 'effectiveFrom', message: 'must be YYYY-MM-DD' }]);
  if (effectiveFrom < publishedOn) throw new ValidationError(`a version takes effect on or after its publication (${publishedOn})`, [{ field: 'effectiveFrom', message: `not before ${publishedOn}` }], 'WORK_LIST.RETROACTIVE');
  const last = latestVersion(state);
  if (last !== undefined && effectiveFrom < last.effectiveFrom) {
    throw new IllegalStateError('WORK_LIST.VERSION_OUT_OF_ORDER', `version ${last.version} takes effect on ${last.effectiveFrom}; a later version cannot take effect before it`);
  }
};

const publishImport = ({ data, metadata }: PublishImportedList, state: WorkListSet): WorkListSetEvent[] => {
  listKeeper(metadata.actorRoles, data.jurisdictionId);
  established(state, data.jurisdictionId);
  const staged = state.staged[data.importId];
  if (staged === undefined) {
    if (state.versions.some((v) => v.source.kind === 'import' && v.source.importId === data.importId)) return [];
    throw new NotFoundError('WORK_LIST.IMPORT_UNKNOWN', `no items were imported under ${data.importId}`);
  }
  const items = Object.values(staged.items);
  if (items.length !== data.expectedItems) {
    throw new IllegalStateError('WORK_LIST.IMPORT_INCOMPLETE', `import ${data.importId} holds ${items.length} of ${data.expectedItems} items`);
  }
  const publishedOn = localDate(metadata.occurredAt);
  assertEffectiveOrder(state, data.effectiveFrom, publishedOn);
  items.forEach(assertAssistanceItemFunded);
  const changes: ListChange[] = items.map((item) => ({ op: 'add', itemId: item.itemId, item }));
  return [{
    type: 'WorkListVersionPublished',
    data: {
      jurisdictionId: data.jurisdictionId, version: state.versions.length + 1, effectiveFrom: data.effectiveFrom, publishedOn,
      source: { kind: 'import', importId: data.importId, sourceDocument: staged.sourceDocument }, changes, itemCount: items.length, occurredAt: metadata.occurredAt.toISOString(),
    },
  }];
};

const publishChange = ({ data, metadata }: PublishApprovedChange, state: WorkListSet): WorkListSetEvent[] => {
  listKeeper(metadata.actorRoles, data.jurisdictionId);
  established(state, data.jurisdictionId);
  const change = data.change;
  if (change.jurisdictionId !== data.jurisdictionId) throw new ValidationError('the change request belongs to another jurisdiction', [{ field: 'changeRequestId', message: `of ${change.jurisdictionId}` }]);
  if (state.appliedChangeRequests.includes(change.changeRequestId)) return [];
  if (change.status !== 'approved') throw new IllegalStateError('WORK_LIST.CHANGE_NOT_APPROVED', `change request ${change.changeRequestId} is ${change.status}`, 'WL-3');
  if (change.needsProvincialApproval && change.provincialApprovalRef === null) {
    throw new RuleViolationError('WORK_LIST.PROVINCIAL_APPROVAL_REQUIRED', 'a new village-level mechanism needs provincial approval', 'WL-6');
  }
  const publishedOn = localDate(metadata.occurredAt);
  assertEffectiveOrder(state, change.effectiveFrom, publishedOn);
  const current = latestVersion(state)?.items ?? {};
  const exists = current[change.itemId] !== undefined;
  if (change.op === 'add' && exists) throw new IllegalStateError('WORK_LIST.ITEM_EXISTS', `${change.itemId} is already on the lists`);
  if (change.op !== 'add' && !exists) throw new NotFoundError('WORK_LIST.ITEM_UNKNOWN', `${change.itemId} is not on the lists`);
  if (change.item !== null) assertAssistanceItemFunded(change.item);
  const changes: ListChange[] = [{ op: change.op, itemId: change.itemId, item: change.op === 'remove' ? null : change.item }];
  const itemCount = Object.keys(applyChanges(current, changes)).length;
  return [{
    type: 'WorkListVersionPublished',
    data: {
      jurisdictionId: data.jurisdictionId, version: state.versions.length + 1, effectiveFrom: change.effectiveFrom, publishedOn,
      source: { kind: 'change_request', changeRequestId: change.changeRequestId, approvedBy: change.approvedBy, approvedOn: change.approvedOn },
      changes, itemCount, occurredAt: metadata.occurredAt.toISOString(),
    },
  }];
};

const decide = (command: WorkListSetCommand, state: WorkListSet): WorkListSetEvent[] => {
  switch (command.type) {
    case 'EstablishWorkListSet':
      return establish(command, state);
    case 'ImportWorkItem':
      return importItem(command, state);
    case 'PublishImportedList':
      return publishImport(command, state);
    case 'PublishApprovedChange':
      return publishChange(command, state);
    default:
      return assertNever(command);
  }
};

export const workListSetDecider: Decider<WorkListSet, WorkListSetCommand, WorkListSetEvent> = { initialState, evolve, decide };
