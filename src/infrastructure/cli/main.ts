import { Command } from 'commander';
import * as verifyCommand from './commands/verify.command';
import * as tokenCommand from './commands/token.command';
import * as projectionsCommand from './commands/projections.command';
import * as watchdogCommand from './commands/watchdog.command';
import * as verifyBundleCommand from './commands/verify-bundle.command';
import * as workListsCommand from './commands/work-lists.command';
import * as reportCommand from './commands/report.command';

/** Each command module exports `register(program)`; add new ones to this list. */
const commandModules: ReadonlyArray<{ register: (program: Command) => void }> = [
  verifyCommand,
  tokenCommand,
  projectionsCommand,
  watchdogCommand,
  verifyBundleCommand,
  workListsCommand,
  reportCommand,
];

export const buildProgram = (): Command => {
  const program = new Command('civic-ledger')
    .description('Civic Ledger: event-sourced records of community governance procedures')
    .showHelpAfterError();
  for (const module of commandModules) module.register(program);
  return program;
};

export const main = async (argv: readonly string[]): Promise<void> => {
  await buildProgram().parseAsync([...argv]);
};
