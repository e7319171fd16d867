import type { ReportDocument } from './report-model';

/** The report as JSON: the header, then each section with its columns and rows as objects keyed by column. Fixed key order, so the same report gives the same bytes. */
export const reportToJson = (doc: ReportDocument): string =>
  `${JSON.stringify(
    {
      header: doc.header,
      sections: doc.sections.map((s) => ({
        name: s.name,
        title: { zh: s.zh, en: s.en },
        columns: s.columns,
        rows: s.rows.map((row) => Object.fromEntries(s.columns.map((c, i) => [c.key, row[i] ?? '']))),
      })),
    },
    null,
    2,
  )}\n`;
