import { SECTION_NAMES } from '../../../reports';
import { createSection } from '../../../reports/sections';
import type { Schema } from '../openapi/entity-schema';

const text = { type: 'string' } as const;
const nullableText = { type: 'string', nullable: true } as const;

/** The row of one section: its columns, from the section's own column list. */
const rowSchema = (name: (typeof SECTION_NAMES)[number]): Schema => {
  const columns = createSection(name, { add: () => undefined }).columns;
  return {
    type: 'object',
    title: `${name} row`,
    required: columns.map((c) => c.key),
    properties: Object.fromEntries(columns.map((c) => [c.key, { oneOf: [{ type: 'string' }, { type: 'number' }], description: `${c.zh} / ${c.en}` }])),
  };
};

/** The JSON report (docs/reports.md): the checkpoint header, then each section's columns and rows. */
export const REPORT_SCHEMA: Schema = {
  type: 'object',
  required: ['header', 'sections'],
  properties: {
    header: {
      type: 'object',
      required: ['report', 'origin', 'treeSize', 'rootHash', 'signed', 'signedAt', 'globalPosition', 'eventsRead', 'scope', 'from', 'to', 'asOf'],
      properties: {
        report: text,
        origin: { ...nullableText, description: 'the log origin of the checkpoint' },
        treeSize: { ...nullableText, pattern: '^\\d{1,19}$', description: 'events read: the first treeSize leaves of the log' },
        rootHash: { ...nullableText, description: 'Merkle root of that tree (base64, as in the checkpoint)' },
        signed: { type: 'boolean' },
        signedAt: { ...nullableText, format: 'date-time' },
        globalPosition: { type: 'string', pattern: '^\\d{1,19}$', description: 'global position of the last event read' },
        eventsRead: { type: 'string', pattern: '^\\d{1,19}$' },
        scope: {
          type: 'object',
          nullable: true,
          required: ['kind', 'id'],
          properties: { kind: { type: 'string', enum: ['community', 'township', 'county'] }, id: text },
        },
        from: nullableText,
        to: nullableText,
        asOf: nullableText,
      },
    },
    sections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'title', 'columns', 'rows'],
        properties: {
          name: text,
          title: { type: 'object', required: ['zh', 'en'], properties: { zh: text, en: text } },
          columns: { type: 'array', items: { type: 'object', required: ['key', 'zh', 'en'], properties: { key: text, zh: text, en: text } } },
          rows: {
            type: 'array',
            description: "one object per row, keyed by the section's column keys (strings or numbers; \"\" when empty)",
            items: { oneOf: SECTION_NAMES.map(rowSchema) },
          },
        },
      },
    },
  },
};
