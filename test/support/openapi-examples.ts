/**
 * Example-shaped requests from the OpenAPI document (`/api/docs-json`): bodies built from each
 * schema's examples and enums, and path parameters from the example ids the schemas carry, so a walk
 * over every route reaches the deciders of streams that exist. Shared by the walks over the whole API
 * (no-server-errors, personal-data walker).
 */
export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
};
export type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  'x-roles'?: unknown;
  [key: string]: unknown;
};
export type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

export const openApiExamples = (document: Document) => {
  const resolve = (schema: Schema | undefined): Schema => {
    if (schema?.$ref === undefined) return schema ?? {};
    return document.components.schemas[schema.$ref.split('/').pop()!] ?? {};
  };

  /** A value of the right shape, from the schema's example or enum where it has one. */
  const example = (raw: Schema | undefined, depth = 0): unknown => {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum !== undefined) return schema.enum[0];
    if (schema.type === 'array') return [example(schema.items, depth + 1)];
    if (schema.type === 'object' || schema.properties !== undefined) {
      if (depth > 4) return {};
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, example(v, depth + 1)]));
    }
    return { integer: 1, number: 1, boolean: true }[schema.type ?? ''] ?? 'x-1';
  };

  /** Example ids by property name. */
  const ids = new Map<string, string>();
  for (const schema of Object.values(document.components.schemas)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (/Id$/.test(key) && typeof property.example === 'string' && !ids.has(key)) ids.set(key, property.example);
    }
  }

  /** The example id for a path's parameter (`{id}` of /consultations is a consultationId). */
  const exampleParam = (path: string): string => {
    const name = /\{([^}]+)\}/.exec(path)?.[1];
    if (name === undefined) return 'x-1';
    return ids.get(name === 'id' ? 'consultationId' : name) ?? 'x-1';
  };

  /** The path with every parameter filled by its example id. */
  const exampleUrl = (path: string): string =>
    path.replace(/\{([^}]+)\}/g, (_, name: string) => ids.get(name === 'id' ? 'consultationId' : name) ?? 'x-1');

  return { resolve, example, ids, exampleParam, exampleUrl };
};

export const fill = (path: string, value: string): string => path.replace(/\{[^}]+\}/g, value);
