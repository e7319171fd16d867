import { PROVENANCE_SCHEMA, type Schema } from './entity-schema';

/**
 * The schema of a computed view (a read service's answer built from several rows): its top-level
 * fields named, typed where they are scalars, and described where they are nested structures whose
 * exact shape is the read model's (see its fold). `provenance` is the shared shape.
 */
export const viewSchema = (fields: Readonly<Record<string, Schema | string>>, required: readonly string[] = Object.keys(fields)): Schema => ({
  type: 'object',
  required: [...required],
  properties: Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, typeof field === 'string' ? { description: field } : field]),
  ),
});

export const TEXT: Schema = { type: 'string' };
export const DATE: Schema = { type: 'string', format: 'date' };
export const NULLABLE_PROVENANCE: Schema = { ...PROVENANCE_SCHEMA, nullable: true };
