import { Injectable } from '@nestjs/common';
import type { Command, Decider, Event } from '../../domain/shared';

/** One command the watchdog proposes for a candidate; the decider decides. */
export type DeadlineCommand = Readonly<{
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  decider: Decider<any, Command, Event>;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  /** Deterministic (`watchdog:<stream>:<what>:<due>`), so a rerun appends nothing. */
  commandId: string;
}>;

/**
 * A deadline rule as a declaration: where its candidates come from (the read models, as of an
 * instant) and which command records each one. A procedure adds a rule by registering one of
 * these with DeadlineRules; the watchdog runs them all.
 */
export type DeadlineRule<C extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>> = Readonly<{
  /** Stable name shown in the run's outcomes, e.g. `work-list-decision`. */
  name: string;
  candidates: (asOf: Date) => Promise<readonly C[]>;
  command: (candidate: C, asOf: Date) => DeadlineCommand;
}>;

/** The registered deadline rules (besides the built-in consultation and meeting-cadence ones). */
@Injectable()
export class DeadlineRules {
  private readonly rules: DeadlineRule[] = [];

  register<C extends Readonly<Record<string, unknown>>>(rule: DeadlineRule<C>): void {
    if (this.rules.some((r) => r.name === rule.name)) return;
    this.rules.push(rule as unknown as DeadlineRule);
  }

  all(): readonly DeadlineRule[] {
    return this.rules;
  }
}
