import { PROJECTION_RUNNER } from '../../../application/command-handling/tokens';
import { DeadlineWatchdog, type WatchdogRun } from '../../../application/watchdog/deadline-watchdog';
import { communitiesProjection } from '../../../projections/communities/communities.projections';
import { consultationsListProjection } from '../../../projections/consultations/consultation.projections';
import { meetingCadenceProjection } from '../../../projections/meetings/meetings.projections';
import type { ProjectionRunner } from '../../../projections/projection-runner';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../../nest/create-app';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * One watchdog run with the service's settings (DATA_DIR or DATABASE_URL, TIME_ZONE): brings the
 * consultations, communities and meeting-cadence read models up to date, then records every
 * deadline that passed before `asOf` and every meeting-cadence period (VM-4, VM-10, RM-4) that ended with no meeting.
 */
export const runWatchdogOnce = async (asOf: Date | undefined, env: Env = process.env): Promise<WatchdogRun> => {
  const config = { ...loadConfig(env), watchdogIntervalSeconds: 0, logLevel: 'warn' as const };
  const app = await createApp({ config, projections: { projections: [consultationsListProjection, communitiesProjection, meetingCadenceProjection], runInBackground: false } });
  try {
    await app.init();
    await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
    return await app.get(DeadlineWatchdog).run(asOf);
  } finally {
    await app.close();
  }
};
