import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { requestLogHook } from '../observability/request-log';
import type { Clock } from '../../application/ports/clock.port';
import type { AppConfig } from '../config/app-config';
import { createStorage, storageSettingsOf, type Storage } from '../storage/create-storage';
import { setUpOpenApi } from '../http/openapi/document';
import { attachHttpContract } from '../http/http-contract-routes';
import { correlationIdOf, echoCorrelationId } from '../http/correlation-id';
import { addBodyParsers } from '../http/request-body';
import { answerFrameworkError } from '../http/problem-details.filter';
import { notModified } from '../http/read-contract/not-modified';
import { AppModule, type ImportableModule } from './app.module';
import { AUDIT_PAGE_ROUTES } from '../audit-pages/audit-pages.controller';
import type { ProjectionsModuleOptions } from './projections.module';
import type { ProcedureDefinition } from '../procedures/procedure-definition';

export const API_PREFIX = 'api/v1';
/** The largest request body accepted (256 kB); a larger one is 413 HTTP.PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 256 * 1024;

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
export const createApp = async (options: CreateAppOptions): Promise<NestFastifyApplication> => {
  const storage = options.storage ?? (await createStorage(storageSettingsOf(options.config)));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config: options.config,
      storage,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.closeStorage === undefined ? {} : { closeStorage: options.closeStorage }),
      ...(options.extraProcedures === undefined ? {} : { extraProcedures: options.extraProcedures }),
      ...(options.extraModules === undefined ? {} : { extraModules: options.extraModules }),
      ...(options.projections === undefined ? {} : { projections: options.projections }),
    }),
    // Fastify rather than Express: bench W6 measured a bare Nest route at 0.84-0.88x the raw
    // node:http baseline on Fastify against 0.52-0.60x on Express, and the service 0.64x the CPU
    // per command (bench/README "W6 on Fastify"). Paths match as Express matched them: any case,
    // with or without a trailing slash.
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
      genReqId: correlationIdOf,
      // While closing, a request on an open connection is answered as before (a store already closed
      // is a 503 problem+json), not with Fastify's own 503 JSON.
      return503OnClosing: false,
      // What Fastify refuses before routing (a URL it cannot decode) is problem+json too.
      frameworkErrors: answerFrameworkError,
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', echoCorrelationId);
  fastify.addHook('onSend', notModified);
  fastify.addHook('onRequest', requestLogHook(app.get<Params>(PARAMS_PROVIDER_TOKEN).pinoHttp as Options));
  addBodyParsers(fastify);
  attachHttpContract(app);
  // Fastify sends no X-Powered-By and computes no body ETag: a GET of a one-stream resource answers
  // ETag = its stream revision (StreamEtagInterceptor), which If-Match accepts.
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
