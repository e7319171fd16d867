import type { SqlClient } from './sql-client';

/**
 * Reads one row of the event table, and gives up after `budgetMs` whatever holds it up: a pool
 * with no free connection, a database that does not answer, a lock on the table. On PostgreSQL the
 * query carries the same budget as its statement and lock timeouts, so it does not linger either.
 */
export const probeStore = async (sql: SqlClient, budgetMs: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the event store did not answer within ${budgetMs} ms`)), budgetMs);
  });
  const probe = sql.transaction(async (tx) => {
    if (sql.dialect === 'postgres') {
      await tx.query(`SET LOCAL statement_timeout = ${Math.floor(budgetMs)}`);
      await tx.query(`SET LOCAL lock_timeout = ${Math.floor(budgetMs)}`);
    }
    await tx.query('SELECT 1 AS ok FROM cl_events LIMIT 1');
  });
  // The probe may still fail after the budget ran out; nobody waits for it then.
  probe.catch(() => undefined);
  try {
    await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
};
