import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { Presets, SingleBar } from 'cli-progress';
import { toHex } from '../../../transparency/bytes';
import { reportToCsvFiles, type ReportDocument } from '../../../reports';
import { createStorage, type Storage } from '../../storage/create-storage';
import { logEnvironmentOf } from '../../config/app-config';
import { loadLogSettings } from '../../transparency/log-settings';
import { computeReport, type ReportProgress } from '../../reports/compute-report';
import { parseReportRequest, type ReportRequestInput } from '../../reports/report-request';
import { assertFormatFits, writeReport } from '../../reports/write-report';

type Env = Readonly<Record<string, string | undefined>>;

export type ReportCliOptions = Omit<ReportRequestInput, 'name'> & Readonly<{ out?: string; progress?: boolean }>;

const progressBar = (): ReportProgress => {
  const bar = new SingleBar({ format: 'report [{bar}] {percentage}% | {value}/{total} events | {eta_formatted}', stream: process.stderr }, Presets.shades_classic);
  return { start: (total) => bar.start(Math.max(total, 1), 0), update: (read) => bar.update(read), stop: () => bar.stop() };
};

/**
 * `civic-ledger report NAME`: opens the store with the service's settings (DATA_DIR or DATABASE_URL),
 * folds the log up to the newest signed checkpoint (or --at-size), writes the report to --out or
 * stdout. CSV of `all` is a directory of one CSV per section (--out DIR).
 */
/** `opened`: a store already open (tests); it is left open. */
export const runReport = async (name: string, options: ReportCliOptions, env: Env = process.env, opened?: Storage): Promise<ReportDocument> => {
  const request = parseReportRequest({ ...options, name }, env.TIME_ZONE);
  assertFormatFits(name, request.format === 'csv' && options.out !== undefined ? 'json' : request.format);
  const databaseUrl = env.DATABASE_URL;
  const dataDir = env.DATA_DIR ?? './data';
  const settings = loadLogSettings(
    { dataDir, storageMode: databaseUrl === undefined || databaseUrl === '' ? 'embedded' : 'postgres', transparencyLog: logEnvironmentOf(env) },
    { generate: false },
  );
  const storage = opened ?? (await createStorage({ ...(databaseUrl ? { databaseUrl } : {}), dataDir, ...(env.EVENTSTORE_URL ? { eventStoreUrl: env.EVENTSTORE_URL } : {}) }));
  try {
    const log = { origin: settings.origin, keyId: settings.signer === undefined ? undefined : toHex(settings.signer.verifier.keyId) };
    const doc = await computeReport({ sql: env.EVENTSTORE_URL ? undefined : storage.sql, store: storage.eventStore, log }, request.params, request.atSize, options.progress === false ? undefined : progressBar());
    await output(doc, request.format, options.out);
    return doc;
  } finally {
    if (opened === undefined) await storage.eventStore.close();
  }
};

const output = async (doc: ReportDocument, format: 'json' | 'csv' | 'xlsx', out: string | undefined): Promise<void> => {
  if (format === 'csv' && doc.sections.length > 1) {
    mkdirSync(out!, { recursive: true });
    for (const [file, text] of reportToCsvFiles(doc)) writeFileSync(join(out!, file), text);
    return;
  }
  if (out === undefined) {
    await writeReport(doc, format, process.stdout);
    return;
  }
  const stream = createWriteStream(out);
  await writeReport(doc, format, stream);
  stream.end();
  await once(stream, 'finish');
};
