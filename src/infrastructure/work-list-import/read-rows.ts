import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';

/** One row of a published list as read from the file, before validation. Line numbers are 1-based, as an editor shows them. */
export type SourceRow = Readonly<{ line: number; values: Readonly<Record<string, string>> }>;

export const IMPORT_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The columns of a list file (CSV header, XLSX first row, JSON keys). */
export const COLUMNS = ['itemId', 'list', 'category', 'subcategory', 'title', 'responsibleDepartment', 'legalBasis', 'fundingKind', 'fundingDepartment'] as const;

export class SourceFileError extends Error {
  override readonly name = 'SourceFileError';
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in (value as object)) return String((value as { text: unknown }).text);
  if (typeof value === 'object' && 'richText' in (value as object)) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  return String(value).trim();
};

/** CSV with a header row; lines starting with `#` are comments (the sample says there that its texts are illustrative). */
const readCsv = (content: string): SourceRow[] => {
  const records = parse(content, { columns: true, comment: '#', skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true }) as { record: Record<string, string>; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ line: info.lines, values: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, text(v)])) }));
};

/** JSON: an array of rows, or `{ items: [...] }`; `line` is the row's 1-based index in the array. */
const readJson = (content: string): SourceRow[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new SourceFileError(`not JSON: ${(error as Error).message}`);
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown })?.items;
  if (!Array.isArray(rows)) throw new SourceFileError('JSON must be an array of items or { "items": [...] }');
  return rows.map((row, i) => {
    const values: Record<string, string> = {};
    if (typeof row === 'object' && row !== null) {
      for (const [k, v] of Object.entries(row as Record<string, unknown>)) values[k] = text(v);
      const funding = (row as { funding?: { kind?: unknown; departmentRef?: unknown } }).funding;
      if (funding !== undefined && typeof funding === 'object') {
        values['fundingKind'] = text(funding.kind);
        values['fundingDepartment'] = text(funding.departmentRef);
      }
    }
    return { line: i + 1, values };
  });
};

/** XLSX: the first worksheet, its first row the header. */
const readXlsx = async (buffer: Buffer): Promise<SourceRow[]> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new SourceFileError(`not an XLSX workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new SourceFileError('the workbook has no worksheet');
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    header[col] = text(cell.value);
  });
  const rows: SourceRow[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    header.forEach((name, col) => {
      if (name !== undefined && name !== '') values[name] = text(row.getCell(col).value);
    });
    if (Object.values(values).some((v) => v !== '')) rows.push({ line, values });
  });
  return rows;
};

export const readRows = async (file: string, format: ImportFormat): Promise<SourceRow[]> => {
  const buffer = await readFile(file);
  switch (format) {
    case 'csv':
      try {
        return readCsv(buffer.toString('utf8'));
      } catch (error) {
        throw new SourceFileError(`CSV: ${(error as Error).message}`);
      }
    case 'json':
      return readJson(buffer.toString('utf8'));
    case 'xlsx':
      return readXlsx(buffer);
  }
};
