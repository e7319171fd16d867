import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { Clock } from '../../application/ports/clock.port';
import type { AppConfig } from '../config/app-config';
import { createStorage, storageSettingsOf, type Storage } from '../storage/create-storage';
import { setUpOpenApi } from '../http/openapi/document';
import { attachHttpContract } from '../http/http-contract-routes';
import { mapBodyParserErrors } from '../http/request-body-error';
import { AppModule, type ImportableModule } from './app.module';
import { AUDIT_PAGE_ROUTES } from '../audit-pages/audit-pages.controller';
import type { ProjectionsModuleOptions } from './projections.module';
import type { ProcedureDefinition } from '../procedures/procedure-definition';
import { ServiceExpressAdapter } from './express-adapter';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '256kb';

export type CreateAppOptions = Readonly<{
  config: AppConfig;
  /** Defaults to the storage the config names; a given storage is still closed with the app unless closeStorage is false. */
  storage?: Storage;
  closeStorage?: boolean;
  /** Procedures added to PROCEDURES (tests add their own). */
  extraProcedures?: readonly ProcedureDefinition[];
  /** Modules to add that are not procedures. */
  extraModules?: readonly ImportableModule[];
  clock?: Clock;
  /** Which read models to run and whether in the background (tests: `{ runInBackground: false }`). */
  projections?: ProjectionsModuleOptions;
}>;

/**
 * Builds the configured Nest application (not listening): routes under /api/v1, /health,
 * /metrics, the audit pages at /audit and OpenAPI at /api/docs (JSON at /api/docs-json). Tests pass in-memory storage and
 * their own modules.
 */
export const createApp = async (options: CreateAppOptions): Promise<NestExpressApplication> => {
  const storage = options.storage ?? (await createStorage(storageSettingsOf(options.config)));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      config: options.config,
      storage,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.closeStorage === undefined ? {} : { closeStorage: options.closeStorage }),
      ...(options.extraProcedures === undefined ? {} : { extraProcedures: options.extraProcedures }),
      ...(options.extraModules === undefined ? {} : { extraModules: options.extraModules }),
      ...(options.projections === undefined ? {} : { projections: options.projections }),
    }),
    new ServiceExpressAdapter(),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  attachHttpContract(app);
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(mapBodyParserErrors);
  app.disable('x-powered-by');
  // A GET of a one-stream resource answers ETag = its stream revision (StreamEtagInterceptor); a body
  // hash would be refused as If-Match, so Express computes none.
  app.set('etag', false);
  if (options.config.corsOrigins.length > 0) {
    app.enableCors({
      origin: options.config.corsOrigins.includes('*') ? '*' : [...options.config.corsOrigins],
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id', 'X-Causation-Id', 'X-Min-Position'],
      exposedHeaders: ['ETag', 'Retry-After', 'X-Correlation-Id', 'Location'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      // The audit pages are served at /audit/…; the audit JSON API stays at /api/v1/audit/… (other paths).
      ...AUDIT_PAGE_ROUTES.map((path) => ({ path, method: RequestMethod.ALL })),
    ],
  });
  setUpOpenApi(app);
  return app;
};
