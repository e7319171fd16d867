import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { APP_CONFIG, EVENT_STORE, SQL_CLIENT } from '../../application/command-handling/tokens';
import type { EventStore } from '../../application/ports/event-store.port';
import type { AppConfig } from '../config/app-config';
import type { SqlClient } from '../event-store/sql/sql-client';
import { Public } from '../auth/auth.decorators';
import { probeStore } from '../event-store/sql/probe-store';
import { probeEventStore } from './probe-event-store';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  /** 200 when the event store answers a query within HEALTH_TIMEOUT_MS, 503 otherwise. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and store check: 200 when the event store answers, 503 otherwise' })
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          if (this.config.storageMode === 'eventstore') await probeEventStore(this.eventStore, this.sql, this.config.database.healthTimeoutMs);
          else await probeStore(this.sql, this.config.database.healthTimeoutMs);
          return indicator.up({ dialect: this.sql.dialect });
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
    ]);
  }
}
