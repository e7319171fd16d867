import { Injectable } from '@nestjs/common';
import type { Command, Decider, Event } from '../../domain/shared';

export type WatchdogSettings = Readonly<{ timeZone: string; /** The 2025 texts' effective date (VM-4, RM-4). */ ruleSwitchDate: string }>;

/**
 * One thing the watchdog proposes to record: a command to a stream, under a deterministic key so
 * a rerun appends nothing. The decider decides; the rule only proposes.
 */
export type WatchdogProposal = Readonly<{
  /** The rule ID it records (PD-2, PD-1, ...). */
  rule: string;
  stream: string;
  /** Stable per proposal (e.g. `finance:2026-Q1`); with `dueBy` it makes the command id. */
  key: string;
  dueBy: string;
  decider: Decider<unknown, Command, Event>;
  command: Readonly<{ type: string; data: Record<string, unknown> }>;
}>;

/** A deadline rule as a declaration: where its candidates come from and which command records each. */
export interface WatchdogRule {
  readonly name: string;
  proposals(asOf: Date, settings: WatchdogSettings): Promise<readonly WatchdogProposal[]>;
}

/** Rules registered by the domain modules (onModuleInit); the DeadlineWatchdog runs every one. */
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
