import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './infrastructure/config/app-config';
import { createApp } from './infrastructure/nest/create-app';

/**
 * Every interface, as node listens by default: '::' (IPv6 and IPv4 both), or '0.0.0.0' on a host
 * without IPv6. Fastify alone would take only localhost.
 */
const listenOnEveryInterface = async (app: Awaited<ReturnType<typeof createApp>>, port: number): Promise<void> => {
  try {
    await app.listen(port, '::');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EAFNOSUPPORT') throw error;
    await app.listen(port, '0.0.0.0');
  }
};

/** `npm start`: validate the settings, open the store, serve HTTP; SIGTERM/SIGINT close the store. */
const start = async (): Promise<void> => {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const app = await createApp({ config });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await listenOnEveryInterface(app, config.port);
  const where =
    config.storageMode === 'eventstore'
      ? 'EventStoreDB (EVENTSTORE_URL), read models in PostgreSQL (DATABASE_URL)'
      : config.storageMode === 'postgres'
        ? 'PostgreSQL (DATABASE_URL)'
        : `embedded PGlite in ${config.dataDir}`;
  process.stdout.write(
    `Civic Ledger listening on http://localhost:${config.port} (API /api/v1, docs /api/docs); storage: ${where}; JWT secret from ${config.jwtSecretSource}\n`,
  );
};

start().catch((error: unknown) => {
  process.stderr.write(`Civic Ledger failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
