import { Logger, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, CLOCK, STORAGE } from '../../application/command-handling/tokens';
import type { Clock } from '../../application/ports/clock.port';
import type { AppConfig } from '../config/app-config';
import { BundlesController } from '../http/log/bundles.controller';
import { LogController } from '../http/log/log.controller';
import type { Storage } from '../storage/create-storage';
import { LogBuilder, logFeedOf } from '../transparency/log-builder';
import { loadLogSettings } from '../transparency/log-settings';
import { TransparencyLog } from '../transparency/transparency-log';
import { checkLogAtStartup } from '../transparency/startup-check';
import { describeDisagreement } from '../transparency/verify-log';

/** The service refuses to start on a store that disagrees with its own signed checkpoints. */
export class LogIntegrityError extends Error {
  constructor(detail: string) {
    super(`The stored events disagree with the last signed checkpoint of the transparency log: ${detail}. Run 'civic-ledger verify' for the full report.`);
    this.name = 'LogIntegrityError';
  }
}

class TransparencyLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TransparencyLog');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: TransparencyLog, private readonly storage: Storage, private readonly clock: Clock) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.log.builder.migrate();
    const signer = this.log.settings.signer;
    if (signer === undefined) {
      this.logger.warn('LOG_SIGNING_KEY is not set (PostgreSQL mode): the tree is built but no checkpoint is signed');
    } else {
      const started = Date.now();
      const report = await checkLogAtStartup(this.storage.sql, this.storage.eventStore, signer.verifier, this.clock.now());
      if (report.disagreement !== undefined) throw new LogIntegrityError(describeDisagreement(report.disagreement));
      this.logger.log(`start-up check (${report.mode}, from size ${report.fromSize} to ${report.checkpointSize}): ${report.eventsChecked} events in ${Date.now() - started} ms`);
    }
    this.log.builder.start();
    const seconds = this.log.settings.checkpointIntervalSeconds;
    if (signer !== undefined && seconds > 0) {
      this.timer = setInterval(() => {
        this.log.publish().catch((error: unknown) => this.logger.warn(`checkpoint not signed: ${String(error)}`));
      }, seconds * 1000);
      this.timer.unref();
    }
  }

  /** Before any module's onApplicationShutdown: the core module closes the store there. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.log.builder.stop();
  }
}

/** The transparency log: tree builder, signed checkpoints, proofs and witnesses over HTTP. */
@Module({
  controllers: [LogController, BundlesController],
  providers: [
    {
      provide: TransparencyLog,
      inject: [STORAGE, APP_CONFIG, CLOCK],
      useFactory: (storage: Storage, config: AppConfig, clock: Clock) => {
        const logger = new Logger('TransparencyLog');
        const builder = new LogBuilder(storage.sql, logFeedOf(storage.eventStore), { onError: (error) => logger.warn(`tree builder: ${String(error)}`) });
        return new TransparencyLog(storage.sql, builder, loadLogSettings(config), clock);
      },
    },
    {
      provide: TransparencyLifecycle,
      inject: [TransparencyLog, STORAGE, CLOCK],
      useFactory: (log: TransparencyLog, storage: Storage, clock: Clock) => new TransparencyLifecycle(log, storage, clock),
    },
  ],
  exports: [TransparencyLog],
})
export class TransparencyModule {}
