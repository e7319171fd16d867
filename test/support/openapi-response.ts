import Ajv from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });

type Schema = Record<string, unknown>;

/** OpenAPI 3.0 `nullable: true` as JSON Schema: the type or null. */
const toJsonSchema = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, example: _example, ...rest } = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value);
  if (nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
};

/** What in `body` the documented 200 schema does not allow (empty when it matches). */
export const responseProblems = (schema: Schema, body: unknown): string[] => {
  const validate = ajv.compile(toJsonSchema(schema) as Schema);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
};
