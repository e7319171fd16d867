/**
 * `npm run schemas`: writes event-schemas.json, the JSON Schema of every event type and schema
 * version, generated from the TypeScript event types in src/domain/<module>/<module>.events.ts and
 * named by the `{ Type: version }` maps the event-type registry is built from. Dev-time only (it
 * needs the TypeScript compiler); the service serves the generated file. A stored-only older
 * version `N` of a type is looked up as the type `<Type>V<N>` in the same file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { EVENT_SCHEMA_SOURCES } from './event-schema-sources';

const root = join(__dirname, '..', '..', '..');

const main = (): void => {
  const out: Record<string, Record<string, unknown>> = {};
  for (const { file, schema } of EVENT_SCHEMA_SOURCES) {
    const generator = createGenerator({ path: join(root, file), tsconfig: join(root, 'tsconfig.json'), skipTypeCheck: true, expose: 'none', topRef: false, additionalProperties: false });
    for (const [type, current] of Object.entries(schema)) {
      out[type] = {};
      for (let version = 1; version <= current; version++) {
        const name = version === current ? type : `${type}V${version}`;
        const generated = generator.createSchema(name) as Record<string, unknown>;
        out[type][String(version)] = { $schema: 'http://json-schema.org/draft-07/schema#', $id: `urn:civic-ledger:event:${type}:${version}`, title: `${type} v${version}`, ...withoutSchemaKey(generated) };
      }
    }
  }
  const target = join(__dirname, 'event-schemas.json');
  writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
  process.stdout.write(`wrote ${Object.keys(out).length} event types to ${target}\n`);
};

const withoutSchemaKey = (schema: Record<string, unknown>): Record<string, unknown> => {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
};

main();
