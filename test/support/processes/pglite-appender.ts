/**
 * A child process for the crash test: opens the embedded store in the data directory given as
 * argv[2] and appends one event at a time to `crash-<n>`, printing each acknowledged stream revision
 * on its own line, until it is killed.
 */
import { randomUUID } from 'node:crypto';
import { createStorage } from '../../../src/infrastructure/storage/create-storage';

const main = async (): Promise<void> => {
  const { eventStore } = await createStorage({ dataDir: process.argv[2] as string });
  for (let revision = 0; ; revision++) {
    const id = randomUUID();
    const at = new Date().toISOString();
    const metadata = { actor: 'crash-test', actorRoles: [], commandId: id, correlationId: id, causationId: id, occurredAt: at, recordedAt: at };
    await eventStore.appendToStream('crash-1', [{ eventId: randomUUID(), type: 'CrashTested', schemaVersion: 1, data: { revision }, metadata }], {
      expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
    });
    process.stdout.write(`${revision}\n`);
  }
};

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
