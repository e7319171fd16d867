import Ajv, { type ValidateFunction } from 'ajv';
import schemas from '../../src/infrastructure/feed/event-schemas.json';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
const table = schemas as Record<string, Record<string, object>>;

/**
 * Checks an event ({ type, data }, as stored: JSON) against the JSON Schema served at
 * /api/v1/schemas for its type and version. Types without a schema (test aggregates) pass.
 */
export const schemaProblems = (event: { type: string; data: unknown }, version = 1): string[] => {
  const schema = table[event.type]?.[String(version)];
  if (schema === undefined) return [];
  const key = `${event.type}@${version}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  const asStored = JSON.parse(JSON.stringify({ type: event.type, data: event.data })) as unknown;
  return validate(asStored) ? [] : (validate.errors ?? []).map((e) => `${event.type} v${version}${e.instancePath} ${e.message ?? ''}`);
};

export const hasSchema = (type: string): boolean => table[type] !== undefined;

/** The current schema version of a type (the highest generated; 1 for types without a schema). */
const currentVersion = (type: string): number => Math.max(1, ...Object.keys(table[type] ?? {}).map(Number));

/** Events a decider emits are checked against their type's current version unless they name one. */
export const expectMatchesSchemas = (events: readonly { type: string; data: unknown; schemaVersion?: number }[]): void => {
  expect(events.flatMap((e) => schemaProblems(e, e.schemaVersion ?? currentVersion(e.type)))).toEqual([]);
};
