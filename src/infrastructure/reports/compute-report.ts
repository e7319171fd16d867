import type { EventStore } from '../../application/ports/event-store.port';
import { buildReport, type ReportDocument, type ReportParams, type SortOptions } from '../../reports';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { FileRunStore } from './file-run-store';
import { logEvents } from './log-events';
import { resolveAnchor, type LogIdentity } from './report-anchor';

export type ReportDeps = Readonly<{
  sql: SqlQueryable | undefined;
  store: EventStore;
  log: LogIdentity;
  /** Where sorted runs are spilled (REPORT_TMP_DIR); os.tmpdir() when unset. */
  tmpDir?: string;
  /** Rows per spilled run (tests force spilling with a small one). */
  runRows?: number;
}>;

export type ReportProgress = Readonly<{ start: (total: number) => void; update: (read: number) => void; stop: () => void }>;

/**
 * Resolves the checkpoint, folds the log's events up to it (streamed in pages; each section's rows
 * spilled in sorted runs to temporary files), then hands the document to `use`, which writes it
 * (the rows are merged in order as they are read). The temporary files are removed when `use` is
 * done, or when anything failed.
 */
export const withReport = async <T>(
  deps: ReportDeps,
  params: ReportParams,
  atSize: bigint | undefined,
  progress: ReportProgress | undefined,
  use: (doc: ReportDocument) => Promise<T>,
): Promise<T> => {
  const { anchor, limit } = await resolveAnchor(deps.sql, deps.store, deps.log, atSize);
  const runs = new FileRunStore(deps.tmpDir);
  const sort: SortOptions = { runs, texts: runs, ...(deps.runRows === undefined ? {} : { runRows: deps.runRows }) };
  try {
    progress?.start(Number('count' in limit ? limit.count : limit.position));
    let doc: ReportDocument;
    try {
      doc = await buildReport(
        logEvents(deps.store, limit),
        params,
        anchor,
        (read) => {
          if (read % 1000 === 0) progress?.update(read);
        },
        sort,
      );
    } finally {
      progress?.stop();
    }
    return await use(doc);
  } finally {
    runs.dispose();
  }
};
