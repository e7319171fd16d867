import type { EventStore } from '../../application/ports/event-store.port';
import { buildReport, type ReportDocument, type ReportParams } from '../../reports';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { logEvents } from './log-events';
import { resolveAnchor, type LogIdentity } from './report-anchor';

export type ReportDeps = Readonly<{ sql: SqlQueryable | undefined; store: EventStore; log: LogIdentity }>;

export type ReportProgress = Readonly<{ start: (total: number) => void; update: (read: number) => void; stop: () => void }>;

/** Resolves the checkpoint, then folds the log's events up to it (streamed in pages). */
export const computeReport = async (deps: ReportDeps, params: ReportParams, atSize?: bigint, progress?: ReportProgress): Promise<ReportDocument> => {
  const { anchor, limit } = await resolveAnchor(deps.sql, deps.store, deps.log, atSize);
  progress?.start(Number('count' in limit ? limit.count : limit.position));
  try {
    return await buildReport(logEvents(deps.store, limit), params, anchor, (read) => {
      if (read % 1000 === 0) progress?.update(read);
    });
  } finally {
    progress?.stop();
  }
};
