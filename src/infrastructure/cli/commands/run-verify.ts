import { createStorage, type Storage } from '../../storage/create-storage';
import { verifyChains, type ChainReport } from '../../event-store/verify-chain';
import { verifyLogChains } from '../../event-store/verify-log';
import { logEnvironmentOf } from '../../config/app-config';
import { verifyHasher } from '../../event-store/sql/server-secrets';
import { loadLogSettings } from '../../transparency/log-settings';
import { describeDisagreement, verifyLogAgainstCheckpoints, type LogReport } from '../../transparency/verify-log';
import { verifierFromVkey, type NoteVerifier } from '../../../transparency/note-keys';

export type VerifyCommandOptions = Readonly<{ databaseUrl?: string; dataDir?: string; json?: boolean; logKey?: string }>;

export type CliIo = Readonly<{ out: (text: string) => void; setExitCode: (code: number) => void }>;

/** The log key to check checkpoints with: --log-key, else the configured signing key's public half. */
const logVerifier = (options: VerifyCommandOptions, dataDir: string, databaseUrl: string | undefined): NoteVerifier | string | undefined => {
  if (options.logKey !== undefined) return verifierFromVkey(options.logKey);
  const settings = loadLogSettings(
    { dataDir, storageMode: databaseUrl === undefined ? 'embedded' : 'postgres', transparencyLog: logEnvironmentOf(process.env) },
    { generate: false },
  );
  return settings.signer?.verifier;
};

/**
 * Checks every stream's hash chain, then the transparency log: the stored events against every
 * checkpoint signed by the log key. Returns the exit code (1 when anything disagrees).
 */
export const runVerify = async (options: VerifyCommandOptions, out: CliIo['out'] = (text) => process.stdout.write(`${text}\n`)): Promise<number> => {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const dataDir = options.dataDir ?? process.env.DATA_DIR ?? './data';
  const verifier = logVerifier(options, dataDir, databaseUrl);
  if (typeof verifier === 'string') {
    out(`--log-key: ${verifier}`);
    return 2;
  }
  const eventStoreUrl = process.env.EVENTSTORE_URL;
  const storage = await createStorage({ ...(databaseUrl === undefined ? {} : { databaseUrl }), dataDir, ...(eventStoreUrl ? { eventStoreUrl } : {}) });
  try {
    // EventStoreDB mode: the chains are walked through the port; the transparency log's tree is in PostgreSQL in both modes.
    const report = eventStoreUrl ? await verifyLogChains(storage.eventStore, await verifyHasher(storage.sql)) : await verifyChains(storage.sql);
    const log = verifier === undefined ? undefined : await verifyLogTables(storage, verifier);
    out(options.json === true ? JSON.stringify(toJson(report, log), null, 2) : [toText(report), logText(log)].join('\n'));
    return report.breaks.length === 0 && log?.disagreement === undefined ? 0 : 1;
  } finally {
    await storage.eventStore.close(); // closes the SQL client too
  }
};

const verifyLogTables = async ({ sql, eventStore }: Storage, verifier: NoteVerifier): Promise<LogReport> => {
  const { rows } = await sql.query<{ present: string | null }>("SELECT to_regclass('cl_log_checkpoints')::text AS present");
  if (rows[0]?.present === null || rows[0]?.present === undefined) return { checkpointSize: 0n, checkpointsChecked: 0, eventsChecked: 0 };
  return verifyLogAgainstCheckpoints(sql, eventStore, verifier);
};

const logText = (log: LogReport | undefined): string => {
  if (log === undefined) return 'Transparency log: not checked (no log key: set LOG_SIGNING_KEY or pass --log-key).';
  if (log.disagreement !== undefined) return `BROKEN transparency log (checkpoint size ${log.checkpointSize}) at ${describeDisagreement(log.disagreement)}`;
  if (log.checkpointSize === 0n) return 'Transparency log: no signed checkpoint yet.';
  return `OK: the first ${log.eventsChecked} events give the roots of all ${log.checkpointsChecked} signed checkpoints (newest: size ${log.checkpointSize}).`;
};

const toJson = (report: ChainReport, log: LogReport | undefined) => ({
  ok: report.breaks.length === 0 && log?.disagreement === undefined,
  streams: report.streams,
  events: report.events,
  breaks: report.breaks.map((b) => ({ ...b, revision: b.revision.toString() })),
  log:
    log === undefined
      ? null
      : {
          ok: log.disagreement === undefined,
          checkpointSize: log.checkpointSize.toString(),
          checkpointsChecked: log.checkpointsChecked,
          eventsChecked: log.eventsChecked,
          ...(log.disagreement === undefined
            ? {}
            : {
                disagreement: {
                  ...(log.disagreement.globalPosition === undefined ? {} : { globalPosition: log.disagreement.globalPosition.toString() }),
                  leafIndex: log.disagreement.leafIndex.toString(),
                  reason: log.disagreement.reason,
                },
              }),
        },
});

const toText = (report: ChainReport): string => {
  const summary = `${report.events} events in ${report.streams} streams`;
  if (report.breaks.length === 0) return `OK: ${summary}, every hash chain intact.`;
  const lines = report.breaks.map(
    (b) => `  ${b.stream} at revision ${b.revision}: ${b.kind}\n    expected: ${b.expected}\n    found:    ${b.found}`,
  );
  return [`BROKEN: ${report.breaks.length} of ${report.streams} streams (${summary}):`, ...lines].join('\n');
};
