import { getMetadataArgsStorage } from 'typeorm';

/** An OpenAPI 3 schema object (as plain JSON). */
export type Schema = Record<string, unknown>;

/** The one provenance shape: the event that last changed a row or made an entry; positions as strings (64-bit). */
export const PROVENANCE_SCHEMA: Schema = {
  type: 'object',
  description: 'the event behind this row or entry: GET /api/v1/... never invents a row without one',
  required: ['stream', 'streamRevision', 'globalPosition', 'eventId'],
  properties: {
    stream: { type: 'string', example: 'community-c-17' },
    streamRevision: { type: 'string', pattern: '^\\d+$', example: '3', description: 'revision within the stream (64-bit, as a string); the ETag of a one-stream resource' },
    globalPosition: { type: 'string', pattern: '^\\d+$', example: '1042', description: 'position in the global log (64-bit, as a string); usable as minPosition' },
    eventId: { type: 'string', format: 'uuid' },
  },
};

const PROVENANCE_COLUMNS = new Set(['lastStream', 'lastStreamRevision', 'lastGlobalPosition', 'lastEventId']);

const columnSchema = (type: unknown, nullable: boolean): Schema => {
  const base: Schema =
    type === 'integer' || type === 'int' || type === 'smallint'
      ? { type: 'integer' }
      : type === 'boolean'
        ? { type: 'boolean' }
        : type === 'bigint'
          ? { type: 'string', pattern: '^\\d+$' }
          : type === 'jsonb' || type === 'json' || type === 'simple-json'
            ? { description: 'structured (JSON); see the read model fold for its shape' }
            : type === 'timestamptz' || type === 'timestamp'
              ? { type: 'string', format: 'date-time' }
              : { type: 'string' };
  return nullable ? { ...base, nullable: true } : base;
};

const ancestry = (target: Function): Function[] => {
  const chain: Function[] = [];
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) chain.push(current as Function);
  return chain;
};

/**
 * The response schema of a read-model row, from its TypeORM entity: every column typed (bigint as a
 * string), the provenance columns grouped as `provenance`. New read models get a typed schema for free.
 */
export const entitySchema = (entity: Function, extra: Readonly<Record<string, Schema>> = {}, omit: readonly string[] = []): Schema => {
  const targets = new Set(ancestry(entity));
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const column of getMetadataArgsStorage().columns) {
    if (!targets.has(column.target as Function) || PROVENANCE_COLUMNS.has(column.propertyName) || omit.includes(column.propertyName)) continue;
    const nullable = column.options.nullable === true;
    properties[column.propertyName] = columnSchema(column.options.type, nullable);
    if (!nullable) required.push(column.propertyName);
  }
  return {
    type: 'object',
    required: [...required, 'provenance'],
    properties: { ...properties, ...extra, provenance: PROVENANCE_SCHEMA },
  };
};

/** A cursor page of items. */
export const pageSchema = (item: Schema): Schema => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: item },
    nextCursor: { type: 'string', nullable: true, description: 'pass as `cursor` for the next page; null on the last page' },
  },
});
