import { createStorage } from '../../storage/create-storage';
import { verifyChains, type ChainReport } from '../../event-store/verify-chain';

export type VerifyCommandOptions = Readonly<{ databaseUrl?: string; dataDir?: string; json?: boolean }>;

export type CliIo = Readonly<{ out: (text: string) => void; setExitCode: (code: number) => void }>;

/** Checks every stream's hash chain; returns the exit code (1 when any chain is broken). */
export const runVerify = async (options: VerifyCommandOptions, out: CliIo['out'] = (text) => process.stdout.write(`${text}\n`)): Promise<number> => {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const dataDir = options.dataDir ?? process.env.DATA_DIR ?? './data';
  const storage = await createStorage({ ...(databaseUrl === undefined ? {} : { databaseUrl }), dataDir });
  try {
    const report = await verifyChains(storage.sql);
    out(options.json === true ? JSON.stringify(toJson(report), null, 2) : toText(report));
    return report.breaks.length === 0 ? 0 : 1;
  } finally {
    await storage.sql.close();
  }
};

const toJson = (report: ChainReport) => ({
  ok: report.breaks.length === 0,
  streams: report.streams,
  events: report.events,
  breaks: report.breaks.map((b) => ({ ...b, revision: b.revision.toString() })),
});

const toText = (report: ChainReport): string => {
  const summary = `${report.events} events in ${report.streams} streams`;
  if (report.breaks.length === 0) return `OK: ${summary}, every hash chain intact.`;
  const lines = report.breaks.map(
    (b) => `  ${b.stream} at revision ${b.revision}: ${b.kind}\n    expected: ${b.expected}\n    found:    ${b.found}`,
  );
  return [`BROKEN: ${report.breaks.length} of ${report.streams} streams (${summary}):`, ...lines].join('\n');
};
