import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { PassThrough, type Writable } from 'node:stream';
import { Presets, SingleBar } from 'cli-progress';
import { toHex } from '../../../transparency/bytes';
import { sectionCsvChunks, writePieces, type ReportDocument, type ReportHeader, type Row } from '../../../reports';
import { createStorage, type Storage } from '../../storage/create-storage';
import { logEnvironmentOf } from '../../config/app-config';
import { loadLogSettings } from '../../transparency/log-settings';
import { withReport, type ReportProgress } from '../../reports/compute-report';
import { parseReportRequest, type ReportRequestInput } from '../../reports/report-request';
import { assertFormatFits, writeReport } from '../../reports/write-report';

type Env = Readonly<Record<string, string | undefined>>;

export type ReportCliOptions = Omit<ReportRequestInput, 'name'> & Readonly<{ out?: string; progress?: boolean; runRows?: number }>;

const progressBar = (what: string, unit: string): ReportProgress => {
  const bar = new SingleBar({ format: `${what} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted}`, stream: process.stderr }, Presets.shades_classic);
  return { start: (total) => bar.start(Math.max(total, 1), 0), update: (read) => bar.update(read), stop: () => bar.stop() };
};

/** The document with its rows counted as they are written (the second progress bar). */
const counted = (doc: ReportDocument, progress: ReportProgress | undefined): ReportDocument => {
  if (progress === undefined) return doc;
  let written = 0;
  const tick = async function* (rows: AsyncIterable<Row>): AsyncGenerator<Row> {
    for await (const row of rows) {
      yield row;
      if (++written % 1000 === 0) progress.update(written);
    }
  };
  return { header: doc.header, sections: doc.sections.map((s) => ({ ...s, rows: tick(s.rows) })) };
};

/**
 * `civic-ledger report NAME`: opens the store with the service's settings (DATA_DIR or DATABASE_URL),
 * folds the log up to the newest signed checkpoint (or --at-size), then writes the report to --out or
 * stdout as its sorted rows are merged (two progress bars on stderr: events read, rows written).
 * CSV of `all` is a directory of one CSV per section (--out DIR). Runs spill to REPORT_TMP_DIR (else
 * the system's temporary directory) and are removed at the end, also on failure.
 */
/** `opened`: a store already open (tests); it is left open. Resolves to the report's header. */
export const runReport = async (name: string, options: ReportCliOptions, env: Env = process.env, opened?: Storage): Promise<ReportHeader> => {
  const request = parseReportRequest({ ...options, name }, env.TIME_ZONE);
  assertFormatFits(name, request.format === 'csv' && options.out !== undefined ? 'json' : request.format);
  const databaseUrl = env.DATABASE_URL;
  const dataDir = env.DATA_DIR ?? './data';
  const settings = loadLogSettings(
    { dataDir, storageMode: databaseUrl === undefined || databaseUrl === '' ? 'embedded' : 'postgres', transparencyLog: logEnvironmentOf(env) },
    { generate: false },
  );
  const storage = opened ?? (await createStorage({ ...(databaseUrl ? { databaseUrl } : {}), dataDir, ...(env.EVENTSTORE_URL ? { eventStoreUrl: env.EVENTSTORE_URL } : {}) }));
  const bars = options.progress !== false;
  try {
    const log = { origin: settings.origin, keyId: settings.signer === undefined ? undefined : toHex(settings.signer.verifier.keyId) };
    const deps = {
      sql: env.EVENTSTORE_URL ? undefined : storage.sql,
      store: storage.eventStore,
      log,
      ...(env.REPORT_TMP_DIR ? { tmpDir: env.REPORT_TMP_DIR } : {}),
      ...(options.runRows === undefined ? {} : { runRows: options.runRows }),
    };
    return await withReport(deps, request.params, request.atSize, bars ? progressBar('report', 'events') : undefined, async (doc) => {
      const writing = bars ? progressBar('write ', 'rows') : undefined;
      writing?.start(doc.sections.reduce((n, s) => n + s.rowCount, 0));
      try {
        await output(counted(doc, writing), request.format, options.out);
      } finally {
        writing?.stop();
      }
      return doc.header;
    });
  } finally {
    if (opened === undefined) await storage.eventStore.close();
  }
};

/** Writes to a file and waits until it is on disk; a failed write leaves no half file behind. */
const toFile = async (file: string, write: (out: Writable) => Promise<void>): Promise<void> => {
  const stream = createWriteStream(file);
  try {
    await once(stream, 'open'); // a path that cannot be written fails here, before the merge starts
    await write(stream);
    if (!stream.writableEnded) stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy();
    rmSync(file, { force: true });
    throw error;
  }
};

/** Stdout is never ended: the writer gets a pass-through piped into it. */
const toStdout = async (write: (out: Writable) => Promise<void>): Promise<void> => {
  const through = new PassThrough();
  through.pipe(process.stdout, { end: false });
  await write(through);
  if (!through.writableEnded) through.end();
  await finished(through);
};

const output = async (doc: ReportDocument, format: 'json' | 'csv' | 'xlsx', out: string | undefined): Promise<void> => {
  if (format === 'csv' && doc.sections.length > 1) {
    mkdirSync(out!, { recursive: true });
    for (const section of doc.sections) await toFile(join(out!, `${section.name}.csv`), (stream) => writePieces(sectionCsvChunks(doc.header, section), stream));
    return;
  }
  const write = (stream: Writable): Promise<void> => writeReport(doc, format, stream);
  await (out === undefined ? toStdout(write) : toFile(out, write));
};
