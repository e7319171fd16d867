import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../application/command-handling/tokens';
import { DeadlineWatchdog } from '../../application/watchdog/deadline-watchdog';
import type { AppConfig } from '../config/app-config';

/** Runs the deadline watchdog in-process every WATCHDOG_INTERVAL_SECONDS (0 disables it). */
@Injectable()
export class WatchdogScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineWatchdog');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly watchdog: DeadlineWatchdog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.watchdogIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run; a tick while the previous run is still going is skipped. */
  tick(): Promise<void> {
    if (this.running !== null) return this.running;
    this.running = this.watchdog.run()
      .then((run) => {
        if (run.recorded > 0) this.logger.log(`recorded ${run.recorded} missed deadline(s) as of ${run.today}`);
      })
      .catch((error: unknown) => this.logger.error(`watchdog run failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
