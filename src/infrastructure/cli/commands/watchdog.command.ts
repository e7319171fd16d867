import type { Command } from 'commander';
import { PROJECTION_RUNNER } from '../../../application/command-handling/tokens';
import { DeadlineWatchdog, type WatchdogRun } from '../../../application/watchdog/deadline-watchdog';
import { communitiesProjection } from '../../../projections/communities/communities.projections';
import { consultationsListProjection } from '../../../projections/consultations/consultation.projections';
import { meetingCadenceProjection } from '../../../projections/meetings/meetings.projections';
import type { ProjectionRunner } from '../../../projections/projection-runner';
import { changeRequestsProjection } from '../../../projections/work-item-lists/work-list.projections';
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
  const app = await createApp({ config, projections: { projections: [consultationsListProjection, communitiesProjection, meetingCadenceProjection, changeRequestsProjection], runInBackground: false } });
  try {
    await app.init();
    await app.get<ProjectionRunner>(PROJECTION_RUNNER).catchUp();
    return await app.get(DeadlineWatchdog).run(asOf);
  } finally {
    await app.close();
  }
};

const parseAsOf = (value: string | undefined): Date | undefined => {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) throw new Error(`--as-of ${value}: expected an ISO 8601 instant, e.g. 2026-07-01T09:00:00+08:00`);
  return at;
};

/** `civic-ledger watchdog run [--as-of ISO] [--json]`. */
export const register = (program: Command): void => {
  const watchdog = program.command('watchdog').description('the deadline watchdog: records deadlines that passed with nothing done (CS-3, CS-12) and missed meeting cadences (VM-4, VM-10, RM-4)');
  watchdog
    .command('run')
    .description('record every missed consultation deadline and meeting cadence once; a rerun appends nothing')
    .option('--as-of <iso>', 'the instant to judge by (not in the future); default now')
    .option('--json', 'print the run as JSON')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      const run = await runWatchdogOnce(parseAsOf(options.asOf));
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        return;
      }
      for (const o of run.outcomes) {
        process.stdout.write(`${o.result.padEnd(16)} ${o.stream} ${o.step} due ${o.dueOn}${o.code === undefined ? '' : ` (${o.code})`}\n`);
      }
      for (const o of run.cadenceOutcomes) {
        process.stdout.write(`${o.result.padEnd(16)} ${o.stream} ${o.meetingKind} ${o.period} due by ${o.dueBy}${o.code === undefined ? '' : ` (${o.code})`}\n`);
      }
      process.stdout.write(`${run.recorded} missed deadline(s) recorded as of ${run.today} (${run.outcomes.length + run.cadenceOutcomes.length} candidate(s))\n`);
    });
};
