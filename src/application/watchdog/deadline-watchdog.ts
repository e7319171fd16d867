import { Inject, Injectable } from '@nestjs/common';
import { consultationDecider, toConsultationStreamId, type RecordDeadlineMissed } from '../../domain/consultation';
import { DomainError, localDate } from '../../domain/shared';
import { CommandPipeline } from '../command-handling/command-pipeline';
import { CLOCK, DEADLINE_CANDIDATES, WATCHDOG_SETTINGS } from '../command-handling/tokens';
import type { Clock } from '../ports/clock.port';
import type { DeadlineCandidate, DeadlineCandidates } from './deadline-candidates.port';

export const WATCHDOG_ACTOR = 'system:watchdog';
export const WATCHDOG_ROLE = 'watchdog';

export type WatchdogSettings = Readonly<{ timeZone: string }>;

export type WatchdogOutcome = DeadlineCandidate & Readonly<{
  stream: string;
  commandId: string;
  result: 'recorded' | 'already_recorded' | 'refused';
  eventIds: readonly string[];
  /** The refusal's code, when the stream disagrees with the read model. */
  code?: string;
}>;

export type WatchdogRun = Readonly<{ asOf: string; today: string; outcomes: readonly WatchdogOutcome[]; recorded: number }>;

/** Deterministic, so a rerun (or two instances racing) appends nothing: the command ledger answers the repeat. */
export const watchdogCommandId = (stream: string, step: string, dueOn: string): string => `watchdog:${stream}:${step}:${dueOn}`;

/**
 * Records deadlines that passed with nothing done as events (DESIGN.md "Projections"): for the
 * instant `asOf` (default: now) it takes the overdue steps the read models show and sends each one
 * as RecordDeadlineMissed through the command pipeline, as actor `system:watchdog` with role
 * `watchdog`. The decider decides; the watchdog only proposes.
 */
@Injectable()
export class DeadlineWatchdog {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(DEADLINE_CANDIDATES) private readonly candidates: DeadlineCandidates,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WATCHDOG_SETTINGS) private readonly settings: WatchdogSettings,
  ) {}

  async run(asOf: Date = this.clock.now()): Promise<WatchdogRun> {
    const today = localDate(asOf, this.settings.timeZone);
    const runId = `watchdog-run:${asOf.toISOString()}`;
    const outcomes: WatchdogOutcome[] = [];
    for (const candidate of await this.candidates.overdueConsultationSteps(today)) {
      outcomes.push(await this.send(candidate, asOf, runId));
    }
    return { asOf: asOf.toISOString(), today, outcomes, recorded: outcomes.filter((o) => o.result === 'recorded').length };
  }

  private async send(candidate: DeadlineCandidate, asOf: Date, runId: string): Promise<WatchdogOutcome> {
    const stream = toConsultationStreamId(candidate.consultationId);
    const commandId = watchdogCommandId(stream, candidate.step, candidate.dueOn);
    const base = { ...candidate, stream, commandId };
    const command: Pick<RecordDeadlineMissed, 'type' | 'data'> = {
      type: 'RecordDeadlineMissed', data: { consultationId: candidate.consultationId, step: candidate.step, dueOn: candidate.dueOn },
    };
    try {
      const result = await this.pipeline.run(consultationDecider, stream, command, {
        actorId: WATCHDOG_ACTOR, actorRoles: [WATCHDOG_ROLE], commandId, correlationId: runId, causationId: runId, occurredAt: asOf,
      });
      const appended = !result.duplicate && result.eventIds.length > 0;
      return { ...base, result: appended ? 'recorded' : 'already_recorded', eventIds: result.eventIds };
    } catch (error) {
      if (error instanceof DomainError) return { ...base, result: 'refused', eventIds: [], code: error.code };
      throw error;
    }
  }
}
