import { Inject, Injectable, Optional } from '@nestjs/common';
import { communityDecider, toCommunityStreamId, type RecordMeetingCadenceMissed } from '../../domain/community';
import { consultationDecider, toConsultationStreamId, type RecordDeadlineMissed } from '../../domain/consultation';
import { DomainError, localDate } from '../../domain/shared';
import { CommandPipeline } from '../command-handling/command-pipeline';
import { CLOCK, DEADLINE_CANDIDATES, WATCHDOG_SETTINGS } from '../command-handling/tokens';
import type { Clock } from '../ports/clock.port';
import type { CadenceCandidate, DeadlineCandidate, DeadlineCandidates } from './deadline-candidates.port';
import { WatchdogRules, type WatchdogProposal, type WatchdogSettings } from './watchdog-rule';

export const WATCHDOG_ACTOR = 'system:watchdog';
export const WATCHDOG_ROLE = 'watchdog';

export type { WatchdogSettings } from './watchdog-rule';

export type WatchdogOutcome = DeadlineCandidate & Readonly<{
  stream: string;
  commandId: string;
  result: 'recorded' | 'already_recorded' | 'refused';
  eventIds: readonly string[];
  /** The refusal's code, when the stream disagrees with the read model. */
  code?: string;
}>;

type Result = Readonly<{ stream: string; commandId: string; result: WatchdogOutcome['result']; eventIds: readonly string[]; code?: string }>;

/** A meeting-cadence period (VM-4, VM-10, RM-4) sent as RecordMeetingCadenceMissed. */
export type CadenceOutcome = Omit<CadenceCandidate, 'heldOn'> & Result;

export type WatchdogRun = Readonly<{
  asOf: string;
  today: string;
  outcomes: readonly WatchdogOutcome[];
  cadenceOutcomes: readonly CadenceOutcome[];
  /** Outcomes of the rules registered with WatchdogRules (e.g. PD-2 publication cadence, PD-1 obligations). */
  ruleOutcomes: readonly RuleOutcome[];
  /** Events appended by this run, consultation deadlines, meeting cadences and registered rules together. */
  recorded: number;
}>;

/** A registered rule's proposal and what became of it. */
export type RuleOutcome = Omit<WatchdogProposal, 'decider' | 'command'> & Readonly<{ type: string; data: Record<string, unknown> }> & Result;

/** Deterministic, so a rerun (or two instances racing) appends nothing: the command ledger answers the repeat. */
export const watchdogCommandId = (stream: string, step: string, dueOn: string): string => `watchdog:${stream}:${step}:${dueOn}`;

/**
 * Records deadlines that passed with nothing done as events (docs/architecture.md "Reading: projections"): for the
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
    @Optional() @Inject(WatchdogRules) private readonly rules: WatchdogRules | null = null,
  ) {}

  async run(asOf: Date = this.clock.now()): Promise<WatchdogRun> {
    const today = localDate(asOf, this.settings.timeZone);
    const runId = `watchdog-run:${asOf.toISOString()}`;
    const outcomes: WatchdogOutcome[] = [];
    for (const candidate of await this.candidates.overdueConsultationSteps(today)) {
      outcomes.push(await this.send(candidate, asOf, runId));
    }
    const cadenceOutcomes: CadenceOutcome[] = [];
    for (const candidate of await this.candidates.missedMeetingCadences(asOf, this.settings.ruleSwitchDate)) {
      cadenceOutcomes.push(await this.sendCadence(candidate, asOf, runId));
    }
    const ruleOutcomes: RuleOutcome[] = [];
    for (const rule of this.rules?.all() ?? []) {
      for (const proposal of await rule.proposals(asOf, this.settings)) ruleOutcomes.push(await this.sendProposal(proposal, asOf, runId));
    }
    const recorded = [...outcomes, ...cadenceOutcomes, ...ruleOutcomes].filter((o) => o.result === 'recorded').length;
    return { asOf: asOf.toISOString(), today, outcomes, cadenceOutcomes, ruleOutcomes, recorded };
  }

  private async send(candidate: DeadlineCandidate, asOf: Date, runId: string): Promise<WatchdogOutcome> {
    const stream = toConsultationStreamId(candidate.consultationId);
    const commandId = watchdogCommandId(stream, candidate.step, candidate.dueOn);
    const base = { ...candidate, stream, commandId };
    const command: Pick<RecordDeadlineMissed, 'type' | 'data'> = {
      type: 'RecordDeadlineMissed', data: { consultationId: candidate.consultationId, step: candidate.step, dueOn: candidate.dueOn },
    };
    const result = await this.attempt(() => this.pipeline.run(consultationDecider, stream, command, this.options(commandId, runId, asOf)));
    return { ...base, ...result };
  }

  /** Command id `watchdog:community-<id>:<kind>:<period>`. */
  private async sendCadence(candidate: CadenceCandidate, asOf: Date, runId: string): Promise<CadenceOutcome> {
    const { heldOn, ...shown } = candidate;
    const stream = toCommunityStreamId(candidate.communityId);
    const commandId = watchdogCommandId(stream, candidate.meetingKind, candidate.period);
    const command: Pick<RecordMeetingCadenceMissed, 'type' | 'data'> = {
      type: 'RecordMeetingCadenceMissed',
      data: { communityId: candidate.communityId, meetingKind: candidate.meetingKind, period: candidate.period, dueBy: candidate.dueBy, heldOn, ruleSwitchDate: this.settings.ruleSwitchDate },
    };
    const result = await this.attempt(() => this.pipeline.run(communityDecider, stream, command, this.options(commandId, runId, asOf)));
    return { ...shown, stream, commandId, ...result };
  }

  /** Command id `watchdog:<stream>:<key>:<dueBy>`. */
  private async sendProposal(proposal: WatchdogProposal, asOf: Date, runId: string): Promise<RuleOutcome> {
    const { decider, command, ...shown } = proposal;
    const commandId = watchdogCommandId(proposal.stream, proposal.key, proposal.dueBy);
    const result = await this.attempt(() => this.pipeline.run(decider, proposal.stream, command, this.options(commandId, runId, asOf)));
    return { ...shown, type: command.type, data: command.data, stream: proposal.stream, commandId, ...result };
  }

  private options(commandId: string, runId: string, asOf: Date) {
    return { actorId: WATCHDOG_ACTOR, actorRoles: [WATCHDOG_ROLE], commandId, correlationId: runId, causationId: runId, occurredAt: asOf };
  }

  /** A refusal (the stream disagrees with the read model) is an outcome, not a failed run. */
  private async attempt(send: () => Promise<{ duplicate: boolean; eventIds: readonly string[] }>): Promise<Pick<Result, 'result' | 'eventIds' | 'code'>> {
    try {
      const result = await send();
      const appended = !result.duplicate && result.eventIds.length > 0;
      return { result: appended ? 'recorded' : 'already_recorded', eventIds: result.eventIds };
    } catch (error) {
      if (error instanceof DomainError) return { result: 'refused', eventIds: [], code: error.code };
      throw error;
    }
  }
}
