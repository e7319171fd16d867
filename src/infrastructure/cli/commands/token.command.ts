import { Option, type Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/app-config';
import { BadRoleError, TokenService } from '../../auth/token.service';

type TokenOptions = { actor: string; role: string[]; expires: string; createSecret?: boolean };

/**
 * `civic-ledger token --actor ID --role ROLE[@KIND:ID] [--role ...] [--expires 8h] [--create-secret]`:
 * a bearer token signed with the service's secret (CIVIC_LEDGER_JWT_SECRET, or the one kept in
 * DATA_DIR). With neither it refuses (a new secret would sign tokens the running service rejects),
 * unless --create-secret asks to create DATA_DIR/.jwt-secret for a service that has not started yet.
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
    .option('--create-secret', 'when DATA_DIR holds no secret and CIVIC_LEDGER_JWT_SECRET is unset, create DATA_DIR/.jwt-secret')
    .action(async (options: TokenOptions) => {
      let secret: string;
      try {
        secret = loadConfig(process.env, { createSecret: options.createSecret === true }).jwtSecret;
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`${error.message}\n(or pass --create-secret to create one in DATA_DIR)\n`);
        process.exitCode = 2;
        return;
      }
      let token: string;
      try {
        token = await new TokenService(secret).sign(options.actor, options.role, options.expires);
      } catch (error) {
        if (!(error instanceof BadRoleError)) throw error;
        process.stderr.write(`--role: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${token}\n`);
    });
};
