import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { nextDrain, whenDrained, type DrainSource } from './drain';
import type { ReportDocument } from './report-model';

/** Rows committed between checks of the buffers. */
const BATCH = 1_000;

type Inlet = DrainSource & { _writableState?: { needDrain?: boolean } };

/**
 * The stream a sheet's XML goes through into the zip. exceljs writes committed rows into it without
 * waiting (its StreamBuf pipes to archiver's PassThrough, read when that entry is deflated): rows
 * made faster than they are deflated pile up there. The writer waits for it to drain (or for the
 * output to fail or close). Undefined if exceljs's insides ever change: then only `out` is watched.
 */
const sheetInlet = (sheet: ExcelJS.Worksheet): Inlet | undefined => (sheet as unknown as { stream?: { pipes?: Inlet[] } }).stream?.pipes?.[0];

/**
 * The report as an XLSX workbook, streamed (exceljs's `stream.xlsx.WorkbookWriter`: each row is
 * committed as it comes, never held): a first sheet 报告信息 with the checkpoint, then one sheet per
 * section named by its Chinese title, Chinese headers in row 1 and English in row 2. The workbook's
 * dates are the checkpoint's signing time, so the content is the same on every run. The writer
 * pipes its zip into `out` and ends it.
 */
export const writeXlsx = async (doc: ReportDocument, out: Writable): Promise<void> => {
  const at = new Date(doc.header.signedAt ?? 0);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'civic-ledger';
  wb.lastModifiedBy = 'civic-ledger';
  wb.created = at;
  wb.modified = at;
  const info = wb.addWorksheet('报告信息');
  info.addRow(['项目', '值']).commit();
  info.addRow(['field', 'value']).commit();
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
  for (const row of entries) info.addRow(row).commit();
  info.commit();
  for (const s of doc.sections) {
    const sheet = wb.addWorksheet(s.zh, { views: [{ state: 'frozen', ySplit: 2 }] });
    const zh = sheet.addRow(s.columns.map((c) => c.zh));
    zh.font = { bold: true };
    zh.commit();
    const en = sheet.addRow(s.columns.map((c) => c.en));
    en.font = { italic: true };
    en.commit();
    let n = 0;
    for await (const row of s.rows) {
      sheet.addRow([...row]).commit();
      if (++n % BATCH === 0) {
        const inlet = sheetInlet(sheet);
        if (inlet?._writableState?.needDrain === true) await nextDrain(inlet, out);
        await whenDrained(out);
      }
    }
    sheet.commit();
  }
  await wb.commit();
};
