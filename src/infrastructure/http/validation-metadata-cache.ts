import { getMetadataStorage } from 'class-validator';

type Metadata = Readonly<{ propertyName: string }>;
type Storage = {
  getTargetValidationMetadatas(target: unknown, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[]): Metadata[];
  groupByPropertyName(metadata: Metadata[]): Record<string, Metadata[]>;
  addValidationMetadata(metadata: unknown): void;
  addConstraintMetadata(metadata: unknown): void;
  addValidationSchema(schema: unknown): void;
};

const CACHED = Symbol.for('civic-ledger:validation-metadata-cached');

let version = 0;
/** Grows whenever rules are added (after the cache was installed): what was derived from the rules before is stale. */
export const validationMetadataVersion = (): number => version;

/**
 * Remembers class-validator's metadata lookups. `getTargetValidationMetadatas` filters every
 * decorated class of the process (instanceof against each, for inherited rules) on every validation
 * of every nested object, ~1% of the CPU of a command over HTTP; the metadata only changes while
 * classes are being decorated, so the answer per (class, schema, options) is kept until metadata is
 * added again (any add clears everything). `groupByPropertyName` is kept per remembered list. The
 * lists are the library's own, shared and not copied: its validator only reads them.
 */
export const cacheValidationMetadata = (storage: Storage = getMetadataStorage() as unknown as Storage): void => {
  const marked = storage as unknown as Record<symbol, boolean>;
  if (marked[CACHED] === true) return;
  marked[CACHED] = true;
  let byTarget = new Map<unknown, Map<string, Metadata[]>>();
  let grouped = new WeakMap<Metadata[], Record<string, Metadata[]>>();
  const clear = (): void => {
    version += 1;
    byTarget = new Map();
    grouped = new WeakMap();
  };
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '' : groups.join('\u0001')}\u0000${groups === undefined ? 'u' : groups.length}`;
    let forTarget = byTarget.get(target);
    const hit = forTarget?.get(key);
    if (hit !== undefined) return hit;
    const found = lookup(target, schema, always, strictGroups, groups);
    if (forTarget === undefined) byTarget.set(target, (forTarget = new Map()));
    forTarget.set(key, found);
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    const hit = grouped.get(metadata);
    if (hit !== undefined) return hit;
    const found = group(metadata);
    grouped.set(metadata, found);
    return found;
  };
  for (const name of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[name].bind(storage);
    storage[name] = (item: unknown) => {
      clear();
      add(item);
    };
  }
};
