import { getMetadataStorage } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';

type Metadata = Readonly<{ name?: string; type: string; propertyName: string; constraints?: unknown[]; each?: boolean; target: Function | string }>;
type SchemaObject = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

/** OpenAPI keywords for one class-validator constraint (the ones DTOs use). */
const keywords = (m: Metadata): Record<string, unknown> => {
  const [a, b] = m.constraints ?? [];
  switch (m.name) {
    case 'matches':
      return a instanceof RegExp ? { pattern: a.source } : typeof a === 'string' ? { pattern: a } : {};
    case 'maxLength':
      return { maxLength: a };
    case 'minLength':
      return { minLength: a };
    case 'isLength':
      return { minLength: a, ...(b === undefined ? {} : { maxLength: b }) };
    case 'min':
      return { minimum: a };
    case 'max':
      return { maximum: a };
    case 'isIn':
      return Array.isArray(a) ? { enum: a } : {};
    case 'arrayMaxSize':
      return { maxItems: a };
    case 'arrayMinSize':
      return { minItems: a };
    case 'isInt':
      return { type: 'integer' };
    default:
      return {};
  }
};

const ARRAY_KEYWORDS = new Set(['maxItems', 'minItems']);

/** Adds the constraints of one validated property to its schema (`each` constraints go to `items`). */
const apply = (schema: Record<string, unknown>, m: Metadata): void => {
  const words = keywords(m);
  for (const [key, value] of Object.entries(words)) {
    if (value === undefined) continue;
    const items = schema['items'] as Record<string, unknown> | undefined;
    if (m.each === true && items !== undefined && !ARRAY_KEYWORDS.has(key)) {
      if (!('$ref' in items) && items[key] === undefined) items[key] = value;
    } else if (schema[key] === undefined && !('$ref' in schema)) {
      schema[key] = value;
    }
  }
};

/**
 * Copies what class-validator enforces (patterns, lengths, bounds, enums, array sizes) into the
 * document's schemas and query parameters, so the published contract states the server's checks
 * without repeating them in @ApiProperty. Schemas are matched to DTO classes by name.
 */
export const applyValidationConstraints = (document: OpenAPIObject, queryDtos: ReadonlyMap<string, readonly Function[]>): void => {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Metadata[]> };
  const byClass = new Map<string, Metadata[]>();
  for (const [target, list] of storage.validationMetadatas) {
    for (const cls of [target]) byClass.set(cls.name, [...(byClass.get(cls.name) ?? []), ...list]);
  }
  const inherited = (cls: Function): Metadata[] => {
    const out: Metadata[] = [];
    for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) out.push(...(storage.validationMetadatas.get(c as Function) ?? []));
    return out;
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}) as [string, SchemaObject][]) {
    const metadata = byClass.get(name);
    if (metadata === undefined || schema.properties === undefined) continue;
    for (const m of metadata) {
      const property = schema.properties[m.propertyName];
      if (property !== undefined) apply(property, m);
    }
  }
  for (const [operationId, dtos] of queryDtos) {
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item) as { operationId?: string; parameters?: { name: string; in: string; schema?: Record<string, unknown> }[] }[]) {
        if (operation?.operationId !== operationId) continue;
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in !== 'query') continue;
          for (const dto of dtos) {
            for (const m of inherited(dto).filter((x) => x.propertyName === parameter.name)) {
              parameter.schema ??= { type: 'string' };
              apply(parameter.schema, m);
            }
          }
        }
      }
    }
  }
};
