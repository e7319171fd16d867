import type { EventStore } from '../../application/ports/event-store.port';
import type { SqlClient } from '../event-store/sql/sql-client';

/**
 * EventStoreDB mode: the log answers a `$all` read and PostgreSQL (read models, command ledger)
 * answers a query, both within `budgetMs`.
 */
export const probeEventStore = async (eventStore: EventStore, sql: SqlClient, budgetMs: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the event store did not answer within ${budgetMs} ms`)), budgetMs);
  });
  const probe = Promise.all([eventStore.headPosition(), sql.query('SELECT 1 AS ok')]);
  probe.catch(() => undefined);
  try {
    await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
};
