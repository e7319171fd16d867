/**
 * How long the runner waits after a pass that caught up. Idle or slow feeds wait the configured
 * poll (PROJECTION_POLL_MS, 250 ms: fewer statements per event at low rates). A busy feed is polled
 * sooner, so that a pass reads about PAGE_TARGET events rather than everything that arrived in
 * 250 ms: a pass's page and its folded rows stay alive across the pass's round trips, and the
 * scavenger copies whatever is alive. W6 at 32 in flight (~2,600 commands/s, 2026-11-30, w6p), with
 * a fixed poll of 500 / 250 / 100 ms: p99 42 / 33-34 / 29 ms, longest scavenge 11-12 / 7.6 / 7.0 ms,
 * CPU per command 0.50 / 0.47 / 0.46 ms, read-model lag 600-680 / 350-370 / 190-220 ms. This poll
 * against the fixed 250 ms, three runs: lag at 32 in flight 184-249 ms against 371-459 ms, CPU per
 * command 0.97x (median of 9 passes), p99 25.8 / 34.5 / 27.0 ms against 28.2 / 32.7 / 28.7 ms (not
 * separable from the noise of a shared machine).
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
