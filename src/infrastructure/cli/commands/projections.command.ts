import type { Command } from 'commander';
import type { ProjectionsCliOptions } from './run-projections';

export type { ProjectionsCliOptions, ProjectionStatusLine } from './run-projections';

// The implementation (storage, TypeORM, every projection) loads only when a subcommand runs, so
// `civic-ledger --help` and `token` start fast.
const storageOptions = (command: Command): Command =>
  command
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL; unset means embedded PGlite)')
    .option('--data-dir <dir>', 'embedded data directory (default: $DATA_DIR or ./data)');

/** Loaded on use, so `civic-ledger --help` and `token` do not load every procedure's HTTP layer. */
const loadProcedures = () => import('../../procedures/procedures');
const loadRun = () => import('./run-projections');

export const register = (program: Command): void => {
  const projections = program.command('projections').description('Inspect and rebuild read models (projections)');
  storageOptions(projections.command('status'))
    .description('Per projection: active version, checkpoint position, head, lag and state')
    .option('--json', 'machine-readable output')
    .action(async (options: ProjectionsCliOptions) => {
      const { allProjections } = await loadProcedures();
      process.exitCode = await (await loadRun()).runStatus(options, allProjections());
    });
  storageOptions(projections.command('rebuild').argument('<name>', 'projection name, as shown by `projections status`'))
    .description('Rebuild a projection from position 0 beside the active table, then swap it in (blue/green)')
    .option('--batch-size <n>', 'events per transaction', (v) => Number.parseInt(v, 10))
    .option('--no-progress', 'no progress bar')
    .action(async (name: string, options: ProjectionsCliOptions & { batchSize?: number; progress?: boolean }) => {
      const { allProjections, allEventTypes } = await loadProcedures();
      const registry = allEventTypes();
      process.exitCode = await (await loadRun()).runRebuild(name, { ...options, upcast: (event) => registry.upcast(event) }, allProjections());
    });
};
