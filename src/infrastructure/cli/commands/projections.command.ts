import type { Command } from 'commander';
import type { ProjectionsCliOptions } from './run-projections';

export type { ProjectionsCliOptions, ProjectionStatusLine } from './run-projections';

// The implementation (storage, TypeORM, every projection) loads only when a subcommand runs, so
// `civic-ledger --help` and `token` start fast.
const storageOptions = (command: Command): Command =>
  command
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL; unset means embedded PGlite)')
    .option('--data-dir <dir>', 'embedded data directory (default: $DATA_DIR or ./data)');

export const register = (program: Command): void => {
  const projections = program.command('projections').description('Inspect and rebuild read models (projections)');
  storageOptions(projections.command('status'))
    .description('Per projection: active version, checkpoint position, head, lag and state')
    .option('--json', 'machine-readable output')
    .action(async (options: ProjectionsCliOptions) => {
      process.exitCode = await (await import('./run-projections')).runStatus(options);
    });
  storageOptions(projections.command('rebuild').argument('<name>', 'projection name, as shown by `projections status`'))
    .description('Rebuild a projection from position 0 beside the active table, then swap it in (blue/green)')
    .option('--batch-size <n>', 'events per transaction', (v) => Number.parseInt(v, 10))
    .option('--no-progress', 'no progress bar')
    .action(async (name: string, options: ProjectionsCliOptions & { batchSize?: number; progress?: boolean }) => {
      process.exitCode = await (await import('./run-projections')).runRebuild(name, options);
    });
};
