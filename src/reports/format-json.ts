import type { ReportDocument } from './report-model';

const indent = (text: string, by: number): string => text.replace(/\n/g, `\n${' '.repeat(by)}`);
const json = (value: unknown, by: number): string => indent(JSON.stringify(value, null, 2), by);

/**
 * The report as JSON, in pieces (so a large report is written row by row, never as one string): the
 * header, then each section with its columns and its rows as objects keyed by column. Two-space
 * indented as JSON.stringify would, fixed key order: the same report gives the same bytes.
 */
export function* reportJsonChunks(doc: ReportDocument): Generator<string> {
  yield `{\n  "header": ${json(doc.header, 2)},\n  "sections": [`;
  for (const [i, s] of doc.sections.entries()) {
    const head = { name: s.name, title: { zh: s.zh, en: s.en }, columns: s.columns };
    const opening = json(head, 4).slice(0, -6); // without the closing "\n    }"
    let text = `${i === 0 ? '' : ','}\n    ${opening},\n      "rows": [`;
    if (s.rows.length === 0) text = `${text}]`;
    yield text;
    for (let r = 0; r < s.rows.length; r += 1000) {
      yield s.rows
        .slice(r, r + 1000)
        .map((row, k) => `${r + k === 0 ? '' : ','}\n        ${json(Object.fromEntries(s.columns.map((c, n) => [c.key, row[n] ?? ''])), 8)}`)
        .join('');
    }
    yield `${s.rows.length === 0 ? '' : '\n      ]'}\n    }`;
  }
  yield `${doc.sections.length === 0 ? ']' : '\n  ]'}\n}\n`;
}

export const reportToJson = (doc: ReportDocument): string => [...reportJsonChunks(doc)].join('');
