import { EsdbEmulator, type EsdbEmulatorOptions } from './esdb-emulator';

/** `EVENTSTORE_URL` (`npm run test:esdb`): a real EventStoreDB/KurrentDB instead of the emulator. */
export const REAL_EVENTSTORE_URL = process.env.EVENTSTORE_URL !== undefined && process.env.EVENTSTORE_URL !== '' ? process.env.EVENTSTORE_URL : undefined;

export type EsdbTarget = Readonly<{ url: string; label: string; emulator?: EsdbEmulator; stop: () => Promise<void> }>;

/** The server a suite runs against: the real one when EVENTSTORE_URL is set, else an in-process emulator. */
export const startEsdbTarget = async (options: EsdbEmulatorOptions = {}): Promise<EsdbTarget> => {
  if (REAL_EVENTSTORE_URL !== undefined) return { url: REAL_EVENTSTORE_URL, label: 'EventStoreDB (EVENTSTORE_URL)', stop: async () => undefined };
  const emulator = await EsdbEmulator.start(options);
  return { url: emulator.connectionString, label: 'EventStoreDB emulator over gRPC', emulator, stop: () => emulator.stop() };
};
