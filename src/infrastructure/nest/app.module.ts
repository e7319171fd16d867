import { Module, RequestMethod, type DynamicModule, type ForwardReference, type Provider, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from '../auth/auth.guard';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { RequestValidationPipe } from '../http/validation';
import { assignCorrelationId } from '../http/correlation-id';
import { HealthController } from '../observability/health.controller';
import { MetricsController } from '../observability/metrics.controller';
import { ConsultationModule } from './consultation.module';
import { CoreModule, type CoreModuleOptions } from './core.module';
import { MeetingsModule } from './meetings.module';
import { ProjectionsModule, type ProjectionsModuleOptions } from './projections.module';
import { WatchdogModule } from './watchdog.module';
import { TransparencyModule } from './transparency.module';
import { FeedModule } from './feed.module';

export type ImportableModule = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** The domain modules of the service (consultations, supervision, work-item lists); wired in a later round. */
export const DOMAIN_MODULES: readonly ImportableModule[] = [
  ConsultationModule,
  MeetingsModule,
  WatchdogModule,
  TransparencyModule,
  FeedModule,
];

const GLOBAL_PROVIDERS: Provider[] = [
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  { provide: APP_PIPE, useClass: RequestValidationPipe },
];

const OPERATIONS_CONTROLLERS = [HealthController, MetricsController];

export type AppModuleOptions = CoreModuleOptions &
  Readonly<{ extraModules?: readonly ImportableModule[]; projections?: ProjectionsModuleOptions }>;

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: options.config.logLevel,
            genReqId: assignCorrelationId,
            customProps: (request) => ({ correlationId: (request as { id?: unknown }).id }),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
          },
        }),
        ProjectionsModule.forRoot(options.projections ?? {}),
        ...DOMAIN_MODULES,
        ...(options.extraModules ?? []),
      ],
      controllers: OPERATIONS_CONTROLLERS,
      providers: GLOBAL_PROVIDERS,
    };
  }
}
