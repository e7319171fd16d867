import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from './infrastructure/config/app-config';
import { createApp } from './infrastructure/nest/create-app';

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
  await app.listen(config.port);
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
