import { Inject, Injectable } from '@nestjs/common';
import { DomainError, localDate } from '../../domain/shared';
import { CommandPipeline } from '../command-handling/command-pipeline';
import { CLOCK, WATCHDOG_SETTINGS } from '../command-handling/tokens';
import type { Clock } from '../ports/clock.port';
import { proposalCommandId, WatchdogRules, type WatchdogProposal, type WatchdogSettings } from './watchdog-rule';

export const WATCHDOG_ACTOR = 'system:watchdog';
export const WATCHDOG_ROLE = 'watchdog';

export type { WatchdogSettings } from './watchdog-rule';
export { watchdogCommandId } from './watchdog-rule';

/** A registered rule's proposal and what became of it. */
export type WatchdogOutcome = Omit<WatchdogProposal, 'decider' | 'command' | 'commandKey'> & Readonly<{
  /** The declaring rule's name (e.g. `consultation-deadlines`, `meeting-cadence`). */
  name: string;
  type: string;
  data: Record<string, unknown>;
  commandId: string;
  result: 'recorded' | 'already_recorded' | 'refused';
  eventIds: readonly string[];
  /** The refusal's code, when the stream disagrees with the read model. */
  code?: string;
}>;

export type WatchdogRun = Readonly<{
  asOf: string;
  today: string;
  /** Every registered rule's outcomes, in registration order. */
  outcomes: readonly WatchdogOutcome[];
  /** Events appended by this run. */
  recorded: number;
}>;

/**
 * Records deadlines that passed with nothing done as events (DESIGN.md "Projections"). It knows no
 * procedure: each procedure's module declares its deadlines as WatchdogRules; for the instant
 * `asOf` (default: now) the watchdog asks every rule for its proposals and sends each through the
 * command pipeline as actor `system:watchdog` with role `watchdog`, under a deterministic command id.
 * The decider decides; the watchdog only proposes.
 */
@Injectable()
export class DeadlineWatchdog {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly rules: WatchdogRules,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WATCHDOG_SETTINGS) private readonly settings: WatchdogSettings,
  ) {}

  async run(asOf: Date = this.clock.now()): Promise<WatchdogRun> {
    const today = localDate(asOf, this.settings.timeZone);
    const runId = `watchdog-run:${asOf.toISOString()}`;
    const outcomes: WatchdogOutcome[] = [];
    for (const rule of this.rules.all()) {
      for (const proposal of await rule.proposals(asOf, this.settings)) outcomes.push(await this.send(rule.name, proposal, asOf, runId));
    }
    return { asOf: asOf.toISOString(), today, outcomes, recorded: outcomes.filter((o) => o.result === 'recorded').length };
  }

  private async send(name: string, proposal: WatchdogProposal, asOf: Date, runId: string): Promise<WatchdogOutcome> {
    const { decider, command, commandKey: _tail, ...shown } = proposal;
    const commandId = proposalCommandId(proposal);
    const options = { actorId: WATCHDOG_ACTOR, actorRoles: [WATCHDOG_ROLE], commandId, correlationId: runId, causationId: runId, occurredAt: asOf };
    const base = { name, ...shown, type: command.type, data: command.data, commandId };
    try {
      const result = await this.pipeline.run(decider, proposal.stream, command, options);
      const appended = !result.duplicate && result.eventIds.length > 0;
      return { ...base, result: appended ? 'recorded' : 'already_recorded', eventIds: result.eventIds };
    } catch (error) {
      // A refusal (the stream disagrees with the read model) is an outcome, not a failed run.
      if (error instanceof DomainError) return { ...base, result: 'refused', eventIds: [], code: error.code };
      throw error;
    }
  }
}
