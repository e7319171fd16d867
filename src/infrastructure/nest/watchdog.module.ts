import { Module } from '@nestjs/common';
import { APP_CONFIG, WATCHDOG_SETTINGS } from '../../application/command-handling/tokens';
import { DeadlineWatchdog } from '../../application/watchdog/deadline-watchdog';
import { WatchdogRules } from '../../application/watchdog/watchdog-rule';
import type { AppConfig } from '../config/app-config';
import { WatchdogScheduler } from '../watchdog/watchdog-scheduler';

/**
 * The deadline watchdog: the registry the procedures' modules declare their deadline rules in
 * (docs/watchdog.md), the runner that sends their proposals through the pipeline, an interval timer.
 */
@Module({
  providers: [
    DeadlineWatchdog,
    WatchdogScheduler,
    WatchdogRules,
    { provide: WATCHDOG_SETTINGS, useFactory: (config: AppConfig) => ({ timeZone: config.timeZone, ruleSwitchDate: config.organicLaw2025Effective }), inject: [APP_CONFIG] },
  ],
  exports: [DeadlineWatchdog, WatchdogScheduler, WatchdogRules],
})
export class WatchdogModule {}
