import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { ReportDocument } from './report-model';

/**
 * The report as an XLSX workbook (exceljs): a first sheet 报告信息 with the checkpoint, then one
 * sheet per section named by its Chinese title, Chinese headers in row 1 and English in row 2.
 * The workbook's dates are the checkpoint's signing time, so the content is the same on every run.
 */
export const reportToWorkbook = (doc: ReportDocument): ExcelJS.Workbook => {
  const wb = new ExcelJS.Workbook();
  const at = new Date(doc.header.signedAt ?? 0);
  wb.creator = 'civic-ledger';
  wb.lastModifiedBy = 'civic-ledger';
  wb.created = at;
  wb.modified = at;
  const info = wb.addWorksheet('报告信息');
  info.addRow(['项目', '值']);
  info.addRow(['field', 'value']);
  const h = doc.header;
  const entries: [string, string][] = [
    ['报告 report', h.report],
    ['日志 origin', h.origin ?? ''],
    ['树大小 treeSize', h.treeSize ?? ''],
    ['根哈希 rootHash', h.rootHash ?? ''],
    ['已签名 signed', String(h.signed)],
    ['签名时间 signedAt', h.signedAt ?? ''],
    ['全局位置 globalPosition', h.globalPosition],
    ['范围 scope', h.scope === null ? '' : `${h.scope.kind}=${h.scope.id}`],
    ['起 from', h.from ?? ''],
    ['止 to', h.to ?? ''],
    ['判定日期 asOf', h.asOf ?? ''],
  ];
  for (const row of entries) info.addRow(row);
  for (const s of doc.sections) {
    const sheet = wb.addWorksheet(s.zh);
    sheet.addRow(s.columns.map((c) => c.zh)).font = { bold: true };
    sheet.addRow(s.columns.map((c) => c.en)).font = { italic: true };
    for (const row of s.rows) sheet.addRow([...row]);
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return wb;
};

export const writeXlsx = async (doc: ReportDocument, out: Writable): Promise<void> => {
  await reportToWorkbook(doc).xlsx.write(out);
};
