import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROJECTION_RUNNER } from '../../src/application/command-handling/tokens';
import { TokenService } from '../../src/infrastructure/auth/token.service';
import { loadConfig } from '../../src/infrastructure/config/app-config';
import { createApp, type CreateAppOptions } from '../../src/infrastructure/nest/create-app';
import { createStorage, type Storage } from '../../src/infrastructure/storage/create-storage';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { TEST_JWT_SECRET } from './test-aggregate/test-app';

export type TestService = Readonly<{ app: NestFastifyApplication; storage: Storage; tokens: TokenService }>;

/**
 * The whole service on in-memory PGlite, initialised (not listening): read models caught up on
 * demand (`catchUp`), the clock fixed at `now` when given, `env` added to the test settings.
 */
export const startTestService = async (
  options: Readonly<{ now?: Date; env?: Readonly<Record<string, string>>; projections?: Omit<NonNullable<CreateAppOptions['projections']>, 'runInBackground'> }> = {},
): Promise<TestService> => {
  const config = loadConfig({ DATA_DIR: 'memory://', CIVIC_LEDGER_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...options.env });
  const storage = await createStorage({ dataDir: 'memory://' });
  const now = options.now;
  const app = await createApp({
    config,
    storage,
    ...(now === undefined ? {} : { clock: { now: () => now } }),
    projections: { ...options.projections, runInBackground: false },
  });
  await app.init();
  return { app, storage, tokens: app.get(TokenService) };
};

/**
 * `/api/v1` calls with a bearer token, and catching the read models up, on an app a suite starts in
 * its beforeAll (hence the getter).
 */
export const apiOf = (app: () => INestApplication) => {
  const server = () => app().getHttpServer();
  return {
    post: (path: string, token: string, body: object) => request(server()).post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
    get: (path: string, token?: string) => {
      const call = request(server()).get(`/api/v1${path}`);
      return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
    },
    catchUp: () => app().get<ProjectionRunner>(PROJECTION_RUNNER).catchUp(),
  };
};
