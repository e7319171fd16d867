import { Injectable } from '@nestjs/common';
import type { Command, Decider, Event } from '../../domain/shared';

export type WatchdogSettings = Readonly<{
  timeZone: string;
  /** The 2025 texts' effective date (VM-4, RM-4). */
  ruleSwitchDate: string;
}>;

/**
 * One thing the watchdog proposes to record: a command to a stream, under a deterministic key so
 * a rerun appends nothing. The decider decides; the rule only proposes.
 */
export type WatchdogProposal = Readonly<{
  /** The rule ID it records (PD-2, PD-1, CS-3, VM-4, ...). */
  rule: string;
  stream: string;
  /** Stable per proposal (e.g. `finance:2026-Q1`); with `dueBy` it makes the command id. */
  key: string;
  /** The last day on which doing the step was still in time: the day after is the first missed day. */
  dueBy: string;
  /**
   * The command id's tail when it is not `<key>:<dueBy>` (kept for ids recorded before the rules
   * were declarations, e.g. meeting cadences `<kind>:<period>`). Never change it for a rule that
   * has recorded misses: a rerun would append them again.
   */
  commandKey?: string;
  decider: Decider<unknown, Command, Event>;
  command: Readonly<{ type: string; data: Record<string, unknown> }>;
}>;

/**
 * A deadline rule as a declaration: where its candidates come from and which command records each.
 * `proposals(asOf)` must judge by what was due on the local date of `asOf` only (a candidate whose
 * due date is on or after that date is not proposed), so a run as of a past date finds what was due then.
 */
export interface WatchdogRule {
  /** Unique; the outcomes name it. */
  readonly name: string;
  /** The rule IDs it records, for the docs and the CLI's help. */
  readonly rules: readonly string[];
  proposals(asOf: Date, settings: WatchdogSettings): Promise<readonly WatchdogProposal[]>;
}

/** Rules registered by the procedures' modules (onModuleInit); the DeadlineWatchdog runs every one, in registration order. */
@Injectable()
export class WatchdogRules {
  private readonly rules: WatchdogRule[] = [];

  register(rule: WatchdogRule): void {
    if (!this.rules.some((r) => r.name === rule.name)) this.rules.push(rule);
  }

  all(): readonly WatchdogRule[] {
    return this.rules;
  }
}

/** Deterministic, so a rerun (or two instances racing) appends nothing: the command ledger answers the repeat. */
export const watchdogCommandId = (stream: string, step: string, dueOn: string): string => `watchdog:${stream}:${step}:${dueOn}`;

export const proposalCommandId = (p: Pick<WatchdogProposal, 'stream' | 'key' | 'dueBy' | 'commandKey'>): string =>
  p.commandKey === undefined ? watchdogCommandId(p.stream, p.key, p.dueBy) : `watchdog:${p.stream}:${p.commandKey}`;
