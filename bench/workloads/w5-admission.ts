import { AssignTaskCommand } from '../../src/application/work-item-lists/work-list-step.command';
import { AssignTaskHandler } from '../../src/application/work-item-lists/assign-task.handler';
import { WorkListFacts } from '../../src/application/work-item-lists/work-list-facts';
import { CommandPipeline } from '../../src/application/command-handling/command-pipeline';
import { CommunityEventSchema } from '../../src/domain/community';
import { addDays } from '../../src/domain/shared';
import { WorkListEventSchema, type ListChange, type WorkItem } from '../../src/domain/work-item-lists';
import type { EventToAppend } from '../../src/application/ports/event-store.port';
import { InMemoryEventTypeRegistry } from '../../src/infrastructure/serialization/event-type-registry';
import { uuidV7IdGenerator } from '../../src/infrastructure/serialization/uuid-v7-id-generator';
import type { Progress } from '../lib/progress';
import { runWorkers, type Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';

/**
 * W5: task admission (准入) on the hot path. A list set of 250 items in force after 20 versions
 * (weekly from 2026-01-05; each later version adds two items and removes one), 100 communities,
 * then N assignments dated across the versions: items in force, removed, never listed and on the
 * negative list, so both outcomes occur. Each assignment goes through the real AssignTaskHandler
 * (list set from memory with a tail read, one `no_stream` append). The baseline is a plain append
 * of the very events the admissions recorded, to new streams, on the same store in the same run.
 */
export const W5_ITEMS = 250;
export const W5_VERSIONS = 20;
const J = 'bench-city';
const COMMUNITIES = 100;
const FIRST = '2026-01-05';
const NOW = new Date('2026-12-31T00:00:00Z');

const registry = new InMemoryEventTypeRegistry().registerSchema(WorkListEventSchema).registerSchema(CommunityEventSchema);

const item = (n: number): WorkItem => ({
  itemId: `I-${n}`, list: n % 10 === 0 ? 'negative' : n % 3 === 0 ? 'assistance' : 'duty', category: `cat-${n % 7}`, subcategory: `sub-${n % 39}`,
  title: `item ${n}`, responsibleDepartment: 'dept-0', legalBasis: 'law', funding: { kind: 'commissioning_department', departmentRef: 'dept-0' },
});

const meta = (occurredAt: string) => ({
  actor: 'bench', actorRoles: ['bench'], commandId: uuidV7IdGenerator.newId(), correlationId: 'bench', causationId: 'bench', occurredAt, recordedAt: NOW.toISOString(),
});
const event = (type: string, data: Record<string, unknown>, occurredAt: string): EventToAppend => ({ eventId: uuidV7IdGenerator.newId(), type, schemaVersion: 1, data, metadata: meta(occurredAt) });

/** The list set's 20 versions and the communities, appended as events (not timed). */
export const seedW5 = async (target: OpenedStore): Promise<{ lastEffective: string; everListed: number }> => {
  const first = W5_ITEMS - (W5_VERSIONS - 1);
  const events: EventToAppend[] = [event('WorkListSetEstablished', { jurisdictionId: J, name: J, communityKind: 'urban', level: 'prefecture_city', coveredAreaRefs: ['d-0'], levelDeviationReason: null, rule: 'WL-3', occurredAt: NOW.toISOString() }, NOW.toISOString())];
  let next = 1;
  let removed = 1;
  let count = 0;
  let effective = FIRST;
  for (let v = 1; v <= W5_VERSIONS; v++) {
    const changes: ListChange[] = [];
    const adds = v === 1 ? first : 2;
    for (let i = 0; i < adds; i++, next++) changes.push({ op: 'add', itemId: `I-${next}`, item: item(next) });
    if (v > 1) changes.push({ op: 'remove', itemId: `I-${removed++ * 2}`, item: null });
    count += adds - (v > 1 ? 1 : 0);
    const source = v === 1 ? { kind: 'import', importId: 'imp', sourceDocument: 'bench' } : { kind: 'change_request', changeRequestId: `cr-${v}`, approvedBy: 'board', approvedOn: effective };
    events.push(event('WorkListVersionPublished', { jurisdictionId: J, version: v, effectiveFrom: effective, publishedOn: effective, source, changes, itemCount: count, occurredAt: NOW.toISOString() }, NOW.toISOString()));
    if (v < W5_VERSIONS) effective = addDays(effective, 7);
  }
  if (count !== W5_ITEMS) throw new Error(`W5 seed: ${count} items, expected ${W5_ITEMS}`);
  await target.eventStore.appendToStream(`work-list-set-${J}`, events, { expectedRevision: 'no_stream' });
  for (let c = 0; c < COMMUNITIES; c++) {
    await target.eventStore.appendToStream(`community-bc-${c}`, [event('CommunityRegistered', { communityId: `bc-${c}`, kind: 'urban_community', name: `c${c}`, townshipRef: 't-0', districtRef: 'd-0', timeZone: 'Asia/Shanghai', occurredAt: NOW.toISOString() }, NOW.toISOString())], { expectedRevision: 'no_stream' });
  }
  return { lastEffective: effective, everListed: next - 1 };
};

const handlerFor = (target: OpenedStore, trustCacheMs: number) => {
  const clock = { now: () => NOW };
  const pipeline = new CommandPipeline(target.eventStore, registry, clock, uuidV7IdGenerator, null, null);
  const facts = new WorkListFacts(target.eventStore, registry);
  facts.trustCacheFor(trustCacheMs);
  return new AssignTaskHandler(pipeline, facts, target.eventStore, registry, uuidV7IdGenerator, clock, { timeZone: 'Asia/Shanghai' });
};

export const w5Admission = async (target: OpenedStore, count: number, concurrency: number, progress: Progress, seed: { everListed: number }, trustCacheMs = 0, offset = 0): Promise<Measurement> => {
  const handler = handlerFor(target, trustCacheMs);
  let admitted = 0;
  let refused = 0;
  const days = W5_VERSIONS * 7 + 14;
  const perWorker = Math.ceil(count / concurrency);
  const countFor = (w: number) => Math.max(0, Math.min(perWorker, count - w * perWorker));
  const { elapsedMs, latenciesMs } = await runWorkers(concurrency, countFor, async (w, i) => {
    const n = offset + w * perWorker + i;
    const day = addDays(addDays(FIRST, -7), n % days);
    const itemNo = (n * 7919) % (seed.everListed + 20) + 1;
    const result = await handler.execute(new AssignTaskCommand(
      { assignmentId: `a-${n}`, jurisdictionId: J, communityId: `bc-${n % COMMUNITIES}`, departmentRef: 'dept-0', itemId: `I-${itemNo}`, taskCategory: null, title: 'task', exemptionId: null },
      { actorId: 'dept-clerk', actorRoles: ['government_department@department:dept-0'], commandId: `w5-${n}`, correlationId: `w5-${n}`, causationId: `w5-${n}`, occurredAt: new Date(`${day}T10:00:00+08:00`) },
    ));
    if (result.outcome === 'admitted') admitted++;
    else refused++;
  }, () => progress.tick());
  return { events: count, elapsedMs, latenciesMs, extra: { variant: trustCacheMs > 0 ? `admission, list cache trusted ${trustCacheMs} ms` : 'admission, list tail read per command', admitted, refused, listItems: W5_ITEMS, listVersions: W5_VERSIONS } };
};

/** The baseline: the events the admissions recorded, appended again as they are to new streams (one append each, `no_stream`). */
export const w5PlainAppend = async (target: OpenedStore, concurrency: number, progress: Progress, count: number): Promise<Measurement> => {
  const recorded = (await target.eventStore.readAll({ filter: { streamPrefix: 'work-assignment-' }, limit: 1_000_000 })).slice(0, count);
  const perWorker = Math.ceil(recorded.length / concurrency);
  const countFor = (w: number) => Math.max(0, Math.min(perWorker, recorded.length - w * perWorker));
  const { elapsedMs, latenciesMs } = await runWorkers(concurrency, countFor, async (w, i) => {
    const e = recorded[w * perWorker + i]!;
    await target.eventStore.appendToStream(`plain-${e.stream}`, [{ eventId: uuidV7IdGenerator.newId(), type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { ...e.metadata, commandId: `plain-${e.metadata.commandId}` } }], { expectedRevision: 'no_stream', commandId: `plain-${e.metadata.commandId}` });
  }, () => progress.tick());
  return { events: recorded.length, elapsedMs, latenciesMs, extra: { variant: 'plain-append' } };
};
