import { Presets, SingleBar } from 'cli-progress';
import { CommandBus } from '@nestjs/cqrs';
import { WorkListFacts } from '../../../application/work-item-lists/work-list-facts';
import { COMMUNITY_KINDS_OF_LISTS, DEFAULT_OWNER_LEVEL, OWNER_LEVELS, type CommunityKindOfList, type OwnerLevel } from '../../../domain/work-item-lists';
import { isPlainDate } from '../../../domain/shared';
import { loadConfig } from '../../config/app-config';
import { createApp } from '../../nest/create-app';
import { IMPORT_FORMATS, readRows, type ImportFormat } from '../../work-list-import/read-rows';
import { importIdOf, importWorkList, type ImportReport } from '../../work-list-import/import-work-list';
import { validateRows } from '../../work-list-import/validate-rows';

type Env = Readonly<Record<string, string | undefined>>;

export type ImportCliOptions = Readonly<{
  format: string;
  jurisdiction: string;
  source: string;
  effectiveFrom: string;
  actor: string;
  role?: string[];
  importId?: string;
  dryRun?: boolean;
  communityKind?: string;
  level?: string;
  covered?: string;
  name?: string;
  levelReason?: string;
  progress?: boolean;
}>;

/** Runs one import with the service's settings (DATA_DIR or DATABASE_URL); the app runs no read models while importing. */
export const runImport = async (file: string, options: ImportCliOptions, env: Env = process.env, log: (line: string) => void = () => undefined): Promise<ImportReport> => {
  if (!(IMPORT_FORMATS as readonly string[]).includes(options.format)) throw new Error(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (!isPlainDate(options.effectiveFrom)) throw new Error('--effective-from must be YYYY-MM-DD');
  const rows = await readRows(file, options.format as ImportFormat);
  const checked = validateRows(rows);
  if (options.dryRun === true || checked.problems.length > 0) {
    // Nothing is imported: the store is not even opened.
    for (const p of checked.problems) log(`line ${p.line}, column ${p.column || '-'}: ${p.reason}`);
    return { importId: options.importId ?? importIdOf(options.jurisdiction, rows), rows: rows.length, problems: checked.problems, dryRun: options.dryRun === true, appended: 0, alreadyImported: 0, published: null };
  }
  const establish = options.communityKind === undefined ? undefined : {
    name: options.name ?? options.jurisdiction,
    communityKind: options.communityKind as CommunityKindOfList,
    level: (options.level ?? DEFAULT_OWNER_LEVEL[options.communityKind as CommunityKindOfList] ?? 'county') as OwnerLevel,
    coveredAreaRefs: (options.covered ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    ...(options.levelReason === undefined ? {} : { levelDeviationReason: options.levelReason }),
  };
  if (establish !== undefined && !COMMUNITY_KINDS_OF_LISTS.includes(establish.communityKind)) throw new Error(`--community-kind: ${COMMUNITY_KINDS_OF_LISTS.join(', ')}`);
  if (establish !== undefined && !(OWNER_LEVELS as readonly string[]).includes(establish.level)) throw new Error(`--level: ${OWNER_LEVELS.join(', ')}`);
  const config = { ...loadConfig(env), watchdogIntervalSeconds: 0, logLevel: 'warn' as const };
  const app = await createApp({ config, projections: { projections: [], runInBackground: false } });
  const bar = options.progress === false ? undefined : new SingleBar({ format: 'import [{bar}] {percentage}% | {value}/{total} items | {eta_formatted}', stream: process.stderr }, Presets.shades_classic);
  try {
    await app.init();
    let started = false;
    const report = await importWorkList(app.get(CommandBus), app.get(WorkListFacts), rows, {
      jurisdictionId: options.jurisdiction, sourceDocument: options.source, effectiveFrom: options.effectiveFrom, actorId: options.actor,
      actorRoles: options.role ?? [`list_approval_body@jurisdiction:${options.jurisdiction}`], dryRun: false, occurredAt: new Date(),
      ...(options.importId === undefined ? {} : { importId: options.importId }), ...(establish === undefined ? {} : { establish }),
    }, (done, total) => {
      if (bar === undefined) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    });
    bar?.stop();
    return report;
  } finally {
    bar?.stop();
    await app.close();
  }
};
