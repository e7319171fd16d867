import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../../src/infrastructure/config/app-config';
import { TokenService } from '../../../src/infrastructure/auth/token.service';
import { createApp } from '../../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../../src/infrastructure/storage/create-storage';
import { noticeBoardProcedure } from './notice-board.module';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The service on in-memory PGlite with the notice-board test module, initialised (not listening). */
export const createTestApp = async (): Promise<{ app: NestFastifyApplication; storage: Storage; tokens: TokenService }> => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
  const storage = await createStorage({ dataDir: 'memory://' });
  const app = await createApp({ config, storage, extraProcedures: [noticeBoardProcedure] });
  await app.init();
  return { app, storage, tokens: app.get(TokenService) };
};
