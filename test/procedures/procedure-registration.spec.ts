import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { handleCommand } from '../../src/application/command-handling/handle-command';
import type { Command, Decider, Event } from '../../src/domain/shared';
import { eventTypeRegistryFor, projectionsOf } from '../../src/infrastructure/procedures/procedure-definition';
import { EVENT_SCHEMA_SOURCES } from '../../src/infrastructure/feed/event-schema-sources';
import { PROCEDURES, allEventTypes, allProjections } from '../../src/infrastructure/procedures/procedures';
import { UnregisteredEventTypeError } from '../../src/infrastructure/serialization/event-type-registry';
import { uuidV7IdGenerator } from '../../src/infrastructure/serialization/uuid-v7-id-generator';
import { createStorage } from '../../src/infrastructure/storage/create-storage';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/**
 * Every event type the domain declares (`export type X = Event<'X', ...>` or an alias such as
 * `E<'X', ...>` in a `*.events.ts` file): what its deciders can emit.
 */
const declaredEventTypes = (): Map<string, string> => {
  const found = new Map<string, string>();
  for (const file of filesUnder(join(__dirname, '../../src/domain')).filter((f) => f.endsWith('.events.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^export type \w+ = \w+<\s*'([A-Za-z0-9]+)'/gm)) found.set(match[1]!, file);
  }
  return found;
};

describe('procedures register in one place (src/infrastructure/procedures)', () => {
  it('every event type the domain declares is registered by exactly one procedure', () => {
    const declared = declaredEventTypes();
    expect(declared.size).toBeGreaterThan(30);
    const registry = allEventTypes();
    const missing = [...declared].filter(([type]) => !registry.has(type)).map(([type, file]) => `${type} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every registered type is declared by the domain (no stale registrations)', () => {
    const declared = declaredEventTypes();
    expect(allEventTypes().registeredTypes().filter((type) => !declared.has(type))).toEqual([]);
  });

  it('a type claimed by two procedures, or a read model registered twice, is refused at start', () => {
    const [first] = PROCEDURES;
    expect(() => eventTypeRegistryFor([first!, { ...first!, name: 'copy' }])).toThrow(/registered twice/);
    expect(() => projectionsOf([first!, { ...first!, name: 'copy' }])).toThrow(/registered by two procedures/);
  });

  it('each procedure brings a module and its read models, all with distinct names', () => {
    for (const procedure of PROCEDURES) {
      expect(typeof procedure.module).toBe('function');
      expect(procedure.events.length).toBeGreaterThan(0);
    }
    expect(allProjections().length).toBe(PROCEDURES.reduce((n, p) => n + p.projections.length, 0));
  });

  it('each event-schema map names the file declaring its types (one list: the JSON Schemas are generated from it)', () => {
    const declared = declaredEventTypes();
    const root = join(__dirname, '../..');
    const misplaced = PROCEDURES.flatMap((p) => p.events).flatMap(({ file, schema }) => {
      const pattern = new RegExp(`^${join(root, file).replace(/[.]/g, '\\.').replace('*', '[^/]*')}$`);
      return Object.keys(schema).filter((type) => !pattern.test(declared.get(type) ?? '')).map((type) => `${type} not in ${file}`);
    });
    expect(misplaced).toEqual([]);
    expect(EVENT_SCHEMA_SOURCES.flatMap((s) => Object.keys(s.schema)).sort()).toEqual(allEventTypes().registeredTypes().slice().sort());
  });
});

describe('an event type nobody registered is refused, never stored as version 1', () => {
  type Registered = Event<'Registered', Record<string, never>>;
  type Forgotten = Event<'Forgotten', Record<string, never>>;
  type C = Command<'Do', { forget: boolean }>;
  const decider: Decider<null, C, Registered | Forgotten> = {
    initialState: () => null,
    evolve: (s) => s,
    decide: (c) => [c.data.forget ? { type: 'Forgotten', data: {} } : { type: 'Registered', data: {} }],
  };
  const metadata = { now: new Date('2026-03-01T00:00:00Z'), occurredAt: new Date('2026-03-01T00:00:00Z'), actorId: 'a', actorRoles: [] };

  it('handleCommand throws UnregisteredEventTypeError and the stream stays empty', async () => {
    const storage = await createStorage({ dataDir: 'memory://' });
    try {
      const registry = eventTypeRegistryFor([{ name: 't', events: [{ file: 'test', schema: { Registered: 1 } }], projections: [], module: class {} }]);
      const deps = { eventStore: storage.eventStore, registry, clock: { now: () => metadata.now }, ids: uuidV7IdGenerator };
      const run = (forget: boolean, commandId: string) =>
        handleCommand(deps, decider, 's-1', { type: 'Do', data: { forget }, metadata } as C, { commandId, correlationId: 'c', causationId: 'c', fingerprint: commandId });
      await expect(run(true, 'cmd-1')).rejects.toBeInstanceOf(UnregisteredEventTypeError);
      expect(await storage.eventStore.readStream('s-1')).toEqual([]);
      await run(false, 'cmd-2');
      expect((await storage.eventStore.readStream('s-1')).map((e) => e.type)).toEqual(['Registered']);
    } finally {
      await storage.sql.close();
    }
  }, 60_000);
});
