/**
 * How long the runner waits after a pass that caught up. Idle or slow feeds wait the configured
 * poll (PROJECTION_POLL_MS, 250 ms: fewer statements per event at low rates). A busy feed is polled
 * sooner, so that a pass reads about PAGE_TARGET events rather than everything that arrived in
 * 250 ms: a pass's page and its folded rows stay alive across the pass's round trips, and the
 * scavenger copies whatever is alive. W6 at 32 in flight (~2,600 commands/s, 2026-11-30, w6p):
 * polls of 500 / 250 / 100 ms gave p99 42 / 33-34 / 29 ms, longest scavenge 11-12 / 7.6 / 7.0 ms,
 * the same CPU per command (0.50 / 0.47 / 0.46 ms) and read-model lag 600-680 / 350-370 / 190-220 ms.
 */
export const PAGE_TARGET = 250;
/** Never sooner than this (the fixed poll before 2026-11-29): each pass costs a few statements. */
export const BUSY_POLL_MS = 100;

/** The wait after a caught-up pass that found `events` new events `elapsedMs` after the one before. */
export const nextPollMs = (pollIntervalMs: number, events: number, elapsedMs: number): number => {
  if (events <= 0 || elapsedMs <= 0) return pollIntervalMs;
  const busy = (PAGE_TARGET * elapsedMs) / events;
  return Math.min(pollIntervalMs, Math.max(BUSY_POLL_MS, Math.round(busy)));
};
