import { Module } from '@nestjs/common';
import { APP_CONFIG, DEADLINE_CANDIDATES, WATCHDOG_SETTINGS } from '../../application/command-handling/tokens';
import { DeadlineWatchdog } from '../../application/watchdog/deadline-watchdog';
import { WatchdogRules } from '../../application/watchdog/watchdog-rule';
import type { AppConfig } from '../config/app-config';
import { ReadModelDeadlineCandidates } from '../watchdog/read-model-deadline-candidates';
import { WatchdogScheduler } from '../watchdog/watchdog-scheduler';

/** The deadline watchdog: candidates from the read models, commands through the pipeline, an interval timer. */
@Module({
  providers: [
    DeadlineWatchdog,
    WatchdogScheduler,
    WatchdogRules,
    { provide: DEADLINE_CANDIDATES, useClass: ReadModelDeadlineCandidates },
    { provide: WATCHDOG_SETTINGS, useFactory: (config: AppConfig) => ({ timeZone: config.timeZone, ruleSwitchDate: config.organicLaw2025Effective }), inject: [APP_CONFIG] },
  ],
  exports: [DeadlineWatchdog, WatchdogScheduler, WatchdogRules],
})
export class WatchdogModule {}
