/**
 * A store that is down or slow is the service's problem, not the caller's (docs/architecture.md
 * "Faults and public views"): every error that says the database could not be reached, dropped the
 * session or gave up waiting becomes 503 `STORE.UNAVAILABLE` with `Retry-After`, never a 500.
 * The one place that decides which errors those are.
 */
export const STORE_UNAVAILABLE_CODE = 'STORE.UNAVAILABLE';
export const STORE_RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs of a lost or refused session, a timeout, or a server that is going away. */
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P01', // admin_shutdown: pg_terminate_backend, server stop
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '25P03', // idle_in_transaction_session_timeout
  '40P01', // deadlock_detected: the transaction was rolled back, a retry may pass
]);

/** Node socket errors on the way to the database. */
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg and pg-pool report a lost session or a connect timeout only in the message. */
const LOST_SESSION = /Connection terminated|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect|Query read timeout|Cannot use a pool after calling end/i;

/** EventStoreDB client errors (`type`) of a node that is down, no longer the leader, or too slow. */
const ESDB_UNAVAILABLE_TYPES: ReadonlySet<string> = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'cancelled', 'timeout']);

type ErrorLike = { code?: unknown; type?: unknown; severity?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };

/** The cause chain: TypeORM wraps the driver's error (`driverError`), Node its own (`cause`, AggregateError `errors`). */
const causes = function* (error: unknown, depth = 0): Generator<ErrorLike> {
  if (typeof error !== 'object' || error === null || depth > 5) return;
  const e = error as ErrorLike;
  yield e;
  yield* causes(e.driverError, depth + 1);
  yield* causes(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* causes(inner, depth + 1);
};

/** True when the error says the store is unreachable or gave up waiting (not the caller's mistake). */
export const isStoreUnavailable = (error: unknown): boolean => {
  for (const e of causes(error)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code !== undefined && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code))) return true;
    // FATAL and PANIC end the session, whatever the code (e.g. 55000 "not currently accepting connections").
    if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
    if (typeof e.type === 'string' && ESDB_UNAVAILABLE_TYPES.has(e.type)) return true;
    if (typeof e.message === 'string' && LOST_SESSION.test(e.message)) return true;
  }
  return false;
};

/** What the caller is told (no internals: the log has the cause). */
export const STORE_UNAVAILABLE_DETAIL = 'the event store is unreachable or too slow right now; retry after the time in Retry-After (with the same Idempotency-Key for a write)';
