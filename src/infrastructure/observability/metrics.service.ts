import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandObserver } from '../../application/command-handling/command-request';

/** Lag of each projection in events (head position minus its checkpoint). */
export type ProjectionLag = Readonly<{ projection: string; lag: number }>;
export type ProjectionLagSource = () => Promise<readonly ProjectionLag[]> | readonly ProjectionLag[];

/**
 * Prometheus metrics of one app instance (its own registry, so several apps in one test process
 * never clash). The projection module registers its lag function with `registerProjectionLagSource`.
 */
@Injectable()
export class MetricsService implements CommandObserver {
  readonly registry = new Registry();
  private readonly lagSources: ProjectionLagSource[] = [];

  private readonly appended = new Counter({
    name: 'civic_ledger_events_appended_total',
    help: 'Events appended by commands',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'civic_ledger_commands_total',
    help: 'Commands handled, by outcome (appended, duplicate, unchanged, or the error name)',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'civic_ledger_command_duration_seconds',
    help: 'Command latency: read, decide and append',
    labelNames: ['command'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'civic_ledger_' });
    const sources = this.lagSources;
    new Gauge({
      name: 'civic_ledger_projection_lag_events',
      help: 'Events a projection is behind the head of the store',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const source of sources) {
          for (const { projection, lag } of await source()) this.set({ projection }, lag);
        }
      },
    });
  }

  registerProjectionLagSource(source: ProjectionLagSource): void {
    this.lagSources.push(source);
  }

  commandHandled(outcome: Parameters<CommandObserver['commandHandled']>[0]): void {
    const label = outcome.error ?? (outcome.duplicate ? 'duplicate' : outcome.appended > 0 ? 'appended' : 'unchanged');
    this.commands.inc({ command: outcome.type, outcome: label });
    this.latency.observe({ command: outcome.type }, outcome.seconds);
    if (outcome.appended > 0) this.appended.inc({ command: outcome.type }, outcome.appended);
  }
}
