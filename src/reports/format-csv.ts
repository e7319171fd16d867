import type { Cell, ReportHeader, SectionTable } from './report-model';

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

/** Rows per piece written. */
const BATCH = 100;

/** One section as CSV, in pieces as its rows come: the `#` preamble, the header row of column keys, then the rows. */
export async function* sectionCsvChunks(header: ReportHeader, section: SectionTable): AsyncGenerator<string> {
  yield csvPreamble(header, section) + line(section.columns.map((c) => c.key));
  let batch: string[] = [];
  for await (const row of section.rows) {
    batch.push(line(row));
    if (batch.length >= BATCH) {
      yield batch.join('');
      batch = [];
    }
  }
  if (batch.length > 0) yield batch.join('');
}
