/**
 * What the edge knows about a command besides its data: who sends it (from the verified token,
 * never from the body), its ids and the revision the caller last saw.
 */
export type CommandRequest = Readonly<{
  actorId: string;
  actorRoles: readonly string[];
  /** HTTP `Idempotency-Key`, or a new UUIDv7. */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** HTTP `If-Match`; a mismatch is a ConcurrencyError (412) and is never retried. */
  expectedRevision?: bigint;
  /** When the step happened in the world, as the actor states it; defaults to the engine's now. */
  occurredAt?: Date;
  /** A hash of the request (method, path, actor, body): a reused Idempotency-Key with other content is refused. */
  fingerprint?: string;
}>;

/** Told about every command the pipeline finishes (metrics); must never throw. */
export interface CommandObserver {
  commandHandled(outcome: Readonly<{ type: string; seconds: number; appended: number; duplicate: boolean; error?: string }>): void;
}
