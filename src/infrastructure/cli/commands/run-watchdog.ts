import { PROJECTION_RUNNER } from '../../../application/command-handling/tokens';
import { DeadlineWatchdog, type WatchdogRun } from '../../../application/watchdog/deadline-watchdog';
import type { ProjectionRunner } from '../../../projections/projection-runner';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../../nest/create-app';
import { allProjections } from '../../procedures/procedures';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * One watchdog run with the service's settings (DATA_DIR or DATABASE_URL, TIME_ZONE): brings every
 * read model up to date (each procedure's deadline rules read their own), then records every
 * deadline that passed before `asOf`, by the rules the procedures' modules register (docs/watchdog.md).
 */
export const runWatchdogOnce = async (asOf: Date | undefined, env: Env = process.env): Promise<WatchdogRun> => {
  const config = { ...loadConfig(env), watchdogIntervalSeconds: 0, logLevel: 'warn' as const };
  const app = await createApp({ config, projections: { projections: allProjections(), runInBackground: false } });
  try {
    await app.init();
    await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
    return await app.get(DeadlineWatchdog).run(asOf);
  } finally {
    await app.close();
  }
};
