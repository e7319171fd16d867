import type { Command } from 'commander';

const parseAsOf = (value: string | undefined): Date | undefined => {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw new Error(`--as-of ${value}: expected an ISO 8601 instant, e.g. 2026-07-01T09:00:00+08:00`);
  return at;
};

/** `civic-ledger watchdog run [--as-of ISO] [--json]`. */
export const register = (program: Command): void => {
  const watchdog = program.command('watchdog').description('the deadline watchdog: records every deadline that passed with nothing done, by the rules the procedures declare (docs/watchdog.md)');
  watchdog
    .command('run')
    .description('record every missed deadline once (consultations, meetings, publications, supervision, work-item lists); a rerun appends nothing')
    .option('--as-of <iso>', 'the instant to judge by (not in the future); default now')
    .option('--json', 'print the run as JSON')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const asOf = parseAsOf(options.asOf);
      // The whole service (Nest, storage, read models) loads only when the watchdog runs.
      const run = await (await import('./run-watchdog')).runWatchdogOnce(asOf);
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        return;
      }
      for (const o of run.outcomes) {
        process.stdout.write(`${o.result.padEnd(16)} ${o.stream} ${o.rule} ${o.key} due by ${o.dueBy}${o.code === undefined ? '' : ` (${o.code})`}\n`);
      }
      process.stdout.write(`${run.recorded} missed deadline(s) recorded as of ${run.today} (${run.outcomes.length} candidate(s))\n`);
    });
};
