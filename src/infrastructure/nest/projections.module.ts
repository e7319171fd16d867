import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, EVENT_TYPE_REGISTRY, PROJECTION_RUNNER, READ_MODELS, STORAGE } from '../../application/command-handling/tokens';
import type { EventTypeRegistry } from '../../application/ports/event-type-registry.port';
import type { AnyProjection } from '../../projections/projection';
import type { ProjectionRunner } from '../../projections/projection-runner';
import { createDataSource } from '../persistence/create-data-source';
import { createProjectionRunner } from '../persistence/create-projection-runner';
import type { Storage } from '../storage/create-storage';
import type { AppConfig } from '../config/app-config';
import { MetricsService } from '../observability/metrics.service';

export type ProjectionsModuleOptions = Readonly<{
  /** The read models to run (AppModule passes every procedure's). */
  projections?: readonly AnyProjection[];
  /** Poll the feed in the background (default true). Tests may turn it off and call catchUp(). */
  runInBackground?: boolean;
}>;

const logger = new Logger('Projections');

class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODELS) private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly runInBackground: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.registerProjectionLagSource(async () =>
      (await this.runner.lag()).map((l) => ({ projection: `${l.name}@v${l.version}`, lag: Number(l.lag) })),
    );
    if (this.runInBackground) await this.runner.start();
    else await this.runner.catchUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Runs the read models in-process: one DataSource for their entities, one ProjectionRunner. */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions = {}): DynamicModule {
    const projections = options.projections ?? [];
    return {
      module: ProjectionsModule,
      providers: [
        {
          provide: READ_MODELS,
          inject: [STORAGE],
          useFactory: (storage: Storage) => createDataSource(storage.sql, projections.map((p) => p.entity)),
        },
        {
          provide: PROJECTION_RUNNER,
          inject: [STORAGE, READ_MODELS, EVENT_TYPE_REGISTRY, APP_CONFIG],
          useFactory: (storage: Storage, dataSource: DataSource, registry: EventTypeRegistry, config: AppConfig) =>
            createProjectionRunner(storage, dataSource, projections, {
              upcast: (event) => registry.upcast(event),
              pollIntervalMs: config.projectionPollMs,
              // A batch that failed (store down, session dropped) is retried on the next poll.
              onError: (error, projection) => logger.warn(`projection ${projection}: ${error instanceof Error ? error.message : String(error)}`),
            }),
        },
        {
          provide: ProjectionsLifecycle,
          inject: [PROJECTION_RUNNER, READ_MODELS, MetricsService],
          useFactory: (runner: ProjectionRunner, dataSource: DataSource, metrics: MetricsService) =>
            new ProjectionsLifecycle(runner, dataSource, metrics, options.runInBackground ?? true),
        },
      ],
      exports: [READ_MODELS, PROJECTION_RUNNER],
    };
  }
}
