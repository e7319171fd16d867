import type { Writable } from 'node:stream';
import { ValidationError } from '../../domain/shared';
import { reportJsonChunks, sectionToCsv, writeXlsx, type ReportDocument } from '../../reports';
import type { ReportFormat } from './report-request';

/**
 * Writes a report in one format to a stream. CSV holds one section: `all` as CSV is one file per
 * section (the CLI writes a directory, see reportToCsvFiles); over one stream it is refused.
 */
export const writeReport = async (doc: ReportDocument, format: ReportFormat, out: Writable): Promise<void> => {
  if (format === 'xlsx') return writeXlsx(doc, out);
  // JSON goes out a thousand rows at a time: a large report is never one string.
  for (const text of format === 'json' ? reportJsonChunks(doc) : [csvOfOneSection(doc)]) {
    await new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
  }
};

const csvOfOneSection = (doc: ReportDocument): string => {
  const [section, ...more] = doc.sections;
  if (section === undefined || more.length > 0) {
    throw new ValidationError('CSV holds one section: ask for one section, or use json or xlsx for all', [{ field: 'format', message: 'csv needs a single section name' }]);
  }
  return sectionToCsv(doc.header, section);
};

export const assertFormatFits = (name: string, format: ReportFormat): void => {
  if (name === 'all' && format === 'csv') {
    throw new ValidationError('CSV holds one section: ask for one section, or use json or xlsx for all', [{ field: 'format', message: 'csv needs a single section name' }]);
  }
};
