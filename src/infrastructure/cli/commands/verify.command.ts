import type { Command } from 'commander';
import type { CliIo, VerifyCommandOptions } from './run-verify';

export type { CliIo, VerifyCommandOptions } from './run-verify';

const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** `civic-ledger verify`; the implementation (storage drivers) loads when it runs. */
export const register = (program: Command, io: CliIo = processIo): void => {
  program
    .command('verify')
    .description('recompute every stream hash chain and report the first broken link of each broken stream (exit code 1 if any)')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL; without it, the embedded store)')
    .option('--data-dir <dir>', 'directory of the embedded store (default: $DATA_DIR or ./data)')
    .option('--json', 'print the report as JSON')
    .action(async (options: VerifyCommandOptions) => {
      io.setExitCode(await (await import('./run-verify')).runVerify(options, io.out));
    });
};
