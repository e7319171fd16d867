import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/app-config';
import { TokenService } from '../../auth/token.service';

/**
 * `civic-ledger token --actor ID --role ROLE[@KIND:ID] [--role ...] [--expires 8h]`: a bearer
 * token signed with the service's secret (CIVIC_LEDGER_JWT_SECRET, or the one kept in DATA_DIR).
 */
export const register = (program: Command): void => {
  program
    .command('token')
    .description('print a bearer token for local use, signed with the configured JWT secret')
    .requiredOption('--actor <id>', 'actor id (the token subject)')
    .addOption(
      new Option('--role <role>', 'role, optionally scoped: supervision_committee@community:c-17 (repeatable)')
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .makeOptionMandatory(),
    )
    .option('--expires <span>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .action(async (options: { actor: string; role: string[]; expires: string }) => {
      const config = loadConfig(process.env);
      const token = await new TokenService(config.jwtSecret).sign(options.actor, options.role, options.expires);
      process.stdout.write(`${token}\n`);
    });
};
