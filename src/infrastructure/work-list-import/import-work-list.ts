import { createHash } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { CommandRequest } from '../../application/command-handling/command-request';
import type { CommandResult } from '../../application/command-handling/handle-command';
import { WorkListStepCommand, type WorkListStep } from '../../application/work-item-lists/work-list-step.command';
import type { WorkListFacts } from '../../application/work-item-lists/work-list-facts';
import type { CommunityKindOfList, OwnerLevel } from '../../domain/work-item-lists';
import type { SourceRow } from './read-rows';
import { validateRows, type RowProblem } from './validate-rows';

export type ImportOptions = Readonly<{
  jurisdictionId: string;
  sourceDocument: string;
  effectiveFrom: string;
  /** Who imports: the events are attributed to this actor. */
  actorId: string;
  actorRoles: readonly string[];
  /** Default: a digest of the file's rows, so the same file resumes the same import. */
  importId?: string;
  dryRun: boolean;
  /** Establish the list set first when it does not exist. */
  establish?: Readonly<{ name: string; communityKind: CommunityKindOfList; level: OwnerLevel; coveredAreaRefs: readonly string[]; levelDeviationReason?: string }>;
  occurredAt: Date;
}>;

export type ImportReport = Readonly<{
  importId: string;
  rows: number;
  problems: readonly RowProblem[];
  dryRun: boolean;
  /** Items appended now; items already imported by an earlier (interrupted) run are not counted. */
  appended: number;
  alreadyImported: number;
  published: null | Readonly<{ revision: string; streamId: string; duplicate: boolean }>;
}>;

export const importIdOf = (jurisdictionId: string, rows: readonly SourceRow[]): string =>
  `import-${createHash('sha256').update(JSON.stringify([jurisdictionId, rows.map((r) => r.values)])).digest('hex').slice(0, 16)}`;

/**
 * Imports a published list: validates every row (a dry run stops there and imports nothing), then
 * sends one ImportWorkItem per row with the deterministic command id `<importId>:item:<itemId>` (a
 * rerun after an interruption resumes without duplicates), then PublishImportedList, which makes the
 * version only when every row is in (all-or-nothing for the list in force).
 */
export const importWorkList = async (
  commands: CommandBus,
  facts: WorkListFacts,
  rows: readonly SourceRow[],
  options: ImportOptions,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportReport> => {
  const { items, problems } = validateRows(rows);
  const importId = options.importId ?? importIdOf(options.jurisdictionId, rows);
  const base = { importId, rows: rows.length, problems, dryRun: options.dryRun, appended: 0, alreadyImported: 0, published: null };
  if (problems.length > 0 || options.dryRun) return base;
  const request = (commandId: string): CommandRequest => ({
    actorId: options.actorId, actorRoles: options.actorRoles, commandId, correlationId: importId, causationId: importId, occurredAt: options.occurredAt,
  });
  const send = (step: WorkListStep, commandId: string): Promise<CommandResult> => commands.execute(new WorkListStepCommand(step, request(commandId)));
  if ((await facts.listSet(options.jurisdictionId)).established === null) {
    if (options.establish === undefined) throw new Error(`no list set of ${options.jurisdictionId} is established; give --community-kind, --level and --covered to establish it`);
    await send({ type: 'EstablishWorkListSet', data: { jurisdictionId: options.jurisdictionId, ...options.establish } }, `${options.jurisdictionId}:establish`);
  }
  let appended = 0;
  let alreadyImported = 0;
  for (const [i, item] of items.entries()) {
    const { line, ...clean } = item;
    const result = await send({ type: 'ImportWorkItem', data: { jurisdictionId: options.jurisdictionId, importId, sourceDocument: options.sourceDocument, line, item: clean } }, `${importId}:item:${item.itemId}`);
    if (result.duplicate || result.eventIds.length === 0) alreadyImported++;
    else appended++;
    onProgress(i + 1, items.length);
  }
  const published = await send({ type: 'PublishImportedList', data: { jurisdictionId: options.jurisdictionId, importId, effectiveFrom: options.effectiveFrom, expectedItems: items.length } }, `${importId}:publish`);
  return { ...base, appended, alreadyImported, published: { revision: published.revision.toString(), streamId: published.stream, duplicate: published.duplicate } };
};
