import { Module, type DynamicModule, type ForwardReference, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { FastifyReady } from './fastify-ready';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from '../auth/auth.guard';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { RequestValidationPipe } from '../http/validation';
import { IdempotentRefusalsGuard } from '../http/idempotent-refusals.guard';
import { HTTP_CONTRACT_INTERCEPTORS, HttpContractInterceptor } from '../http/http-contract.interceptor';
import { HealthController } from '../observability/health.controller';
import { MetricsController } from '../observability/metrics.controller';
import { logDestination, requestLogRoot, withoutCredentials } from '../observability/request-log';
import { eventTypeRegistryFor, projectionsOf, type ProcedureDefinition } from '../procedures/procedure-definition';
import { PROCEDURES } from '../procedures/procedures';
import { CoreModule, type CoreModuleOptions } from './core.module';
import { ProjectionsModule, type ProjectionsModuleOptions } from './projections.module';
import { WatchdogModule } from './watchdog.module';
import { TransparencyModule } from './transparency.module';
import { FeedModule } from './feed.module';
import { ReportsModule } from './reports.module';
import { TimeTravelModule } from './time-travel.module';
import { AuditPagesModule } from '../audit-pages/audit-pages.module';

export type ImportableModule = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** Modules that serve every procedure (procedures themselves are listed in procedures/procedures.ts). */
export const SERVICE_MODULES: readonly ImportableModule[] = [WatchdogModule, TransparencyModule, FeedModule, ReportsModule, AuditPagesModule];

const GLOBAL_PROVIDERS: Provider[] = [
  FastifyReady,
  { provide: APP_GUARD, useClass: AuthGuard },
  // After AuthGuard (it needs the actor); one instance, shared with the filter that records refusals.
  IdempotentRefusalsGuard,
  { provide: APP_GUARD, useExisting: IdempotentRefusalsGuard },
  { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  { provide: APP_PIPE, useClass: RequestValidationPipe },
  // The read contract's four interceptors, run by one, put on the routes where they apply (attachHttpContract).
  ...HTTP_CONTRACT_INTERCEPTORS,
  HttpContractInterceptor,
];

const OPERATIONS_CONTROLLERS = [HealthController, MetricsController];

export type AppModuleOptions = CoreModuleOptions &
  Readonly<{
    /** Procedures to run (default PROCEDURES). */
    procedures?: readonly ProcedureDefinition[];
    /** Added to `procedures` (tests add their own). */
    extraProcedures?: readonly ProcedureDefinition[];
    /** Modules that are not procedures. */
    extraModules?: readonly ImportableModule[];
    projections?: ProjectionsModuleOptions;
  }>;

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const procedures = [...(options.procedures ?? PROCEDURES), ...(options.extraProcedures ?? [])];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ ...options, eventTypes: eventTypeRegistryFor(procedures) }),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
        LoggerModule.forRoot({
          // No Nest middleware: createApp runs pino-http as a Fastify hook (requestLogHook).
          forRoutes: [],
          pinoHttp: {
            logger: requestLogRoot(options.config.logLevel, logDestination(options.config.logWrites)),
            serializers: { req: withoutCredentials },
            autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
          },
        }),
        ProjectionsModule.forRoot({ projections: projectionsOf(procedures), ...options.projections }),
        ...procedures.map((p) => p.module),
        ...SERVICE_MODULES,
        TimeTravelModule.forRoot(procedures),
        ...(options.extraModules ?? []),
      ],
      controllers: OPERATIONS_CONTROLLERS,
      providers: GLOBAL_PROVIDERS,
    };
  }
}
