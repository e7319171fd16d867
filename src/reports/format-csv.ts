import type { Cell, ReportDocument, ReportHeader, SectionTable } from './report-model';

/** RFC 4180 field; text that a spreadsheet would run as a formula gets a leading apostrophe. */
const field = (cell: Cell): string => {
  if (typeof cell === 'number') return String(cell);
  const text = /^[=+@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const line = (cells: readonly Cell[]): string => `${cells.map(field).join(',')}\r\n`;

/** The header lines (`# key: value`) that state the checkpoint a CSV was computed at. */
export const csvPreamble = (header: ReportHeader, section: SectionTable): string =>
  [
    `# civic-ledger report ${section.name} (${section.zh})`,
    `# origin: ${header.origin ?? ''}`,
    `# treeSize: ${header.treeSize ?? ""}`,
    `# rootHash: ${header.rootHash ?? ''}`,
    `# signed: ${header.signed}`,
    `# signedAt: ${header.signedAt ?? ''}`,
    `# globalPosition: ${header.globalPosition}`,
    `# scope: ${header.scope === null ? '' : `${header.scope.kind}=${header.scope.id}`}`,
    `# from: ${header.from ?? ''}`,
    `# to: ${header.to ?? ''}`,
    `# asOf: ${header.asOf ?? ''}`,
  ]
    .map((l) => `${l}\r\n`)
    .join('');

/** One section as CSV: the `#` preamble, the header row of column keys, then the rows. */
export const sectionToCsv = (header: ReportHeader, section: SectionTable): string =>
  csvPreamble(header, section) + line(section.columns.map((c) => c.key)) + section.rows.map(line).join('');

/** Every section of a report, one CSV each, by file name (`<section>.csv`). */
export const reportToCsvFiles = (doc: ReportDocument): ReadonlyArray<readonly [string, string]> =>
  doc.sections.map((s) => [`${s.name}.csv`, sectionToCsv(doc.header, s)] as const);
