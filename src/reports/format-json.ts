import type { ReportDocument } from './report-model';

const indent = (text: string, by: number): string => text.replace(/\n/g, `\n${' '.repeat(by)}`);
const json = (value: unknown, by: number): string => indent(JSON.stringify(value, null, 2), by);

/** Rows per piece written. */
const BATCH = 100;

/**
 * The report as JSON, in pieces, as its rows come (a large report is written row by row, never as
 * one string): the header, then each section with its columns and its rows as objects keyed by
 * column. Two-space indented as JSON.stringify would, fixed key order: the same report gives the
 * same bytes. Reads each section's rows once.
 */
export async function* reportJsonChunks(doc: ReportDocument): AsyncGenerator<string> {
  yield `{\n  "header": ${json(doc.header, 2)},\n  "sections": [`;
  for (const [i, s] of doc.sections.entries()) {
    const head = { name: s.name, title: { zh: s.zh, en: s.en }, columns: s.columns };
    const opening = json(head, 4).slice(0, -6); // without the closing "\n    }"
    yield `${i === 0 ? '' : ','}\n    ${opening},\n      "rows": [`;
    let n = 0;
    let batch: string[] = [];
    for await (const row of s.rows) {
      batch.push(`${n === 0 ? '' : ','}\n        ${json(Object.fromEntries(s.columns.map((c, k) => [c.key, row[k] ?? ''])), 8)}`);
      n += 1;
      if (batch.length >= BATCH) {
        yield batch.join('');
        batch = [];
      }
    }
    if (batch.length > 0) yield batch.join('');
    yield `${n === 0 ? ']' : '\n      ]'}\n    }`;
  }
  yield `${doc.sections.length === 0 ? ']' : '\n  ]'}\n}\n`;
}

/** The whole report as one string (small reports and tests). */
export const reportToJson = async (doc: ReportDocument): Promise<string> => {
  let text = '';
  for await (const chunk of reportJsonChunks(doc)) text += chunk;
  return text;
};
