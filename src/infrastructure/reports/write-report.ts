import type { Writable } from 'node:stream';
import { ValidationError } from '../../domain/shared';
import { reportJsonChunks, sectionCsvChunks, writePieces, writeXlsx, type ReportDocument, type SectionTable } from '../../reports';
import type { ReportFormat } from './report-request';

/**
 * Writes a report in one format to a stream as its rows come, waiting when the stream is full. JSON
 * and CSV leave the stream open; XLSX (exceljs's streaming writer) ends it. CSV holds one section:
 * `all` as CSV is one file per section (the CLI writes a directory); over one stream it is refused.
 */
export const writeReport = async (doc: ReportDocument, format: ReportFormat, out: Writable): Promise<void> => {
  if (format === 'xlsx') return writeXlsx(doc, out);
  if (format === 'json') return writePieces(reportJsonChunks(doc), out);
  return writePieces(sectionCsvChunks(doc.header, oneSection(doc)), out);
};

const oneSection = (doc: ReportDocument): SectionTable => {
  const [section, ...more] = doc.sections;
  if (section === undefined || more.length > 0) {
    throw new ValidationError('CSV holds one section: ask for one section, or use json or xlsx for all', [{ field: 'format', message: 'csv needs a single section name' }]);
  }
  return section;
};

export const assertFormatFits = (name: string, format: ReportFormat): void => {
  if (name === 'all' && format === 'csv') {
    throw new ValidationError('CSV holds one section: ask for one section, or use json or xlsx for all', [{ field: 'format', message: 'csv needs a single section name' }]);
  }
};
