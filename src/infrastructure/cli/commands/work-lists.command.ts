import type { Command } from 'commander';
import type { ImportCliOptions } from './run-work-lists';

export type { ImportCliOptions } from './run-work-lists';

/** `civic-ledger work-lists import FILE --format csv|json|xlsx --jurisdiction ID --source DOC --effective-from DATE --actor ID [--dry-run]`. */
export const register = (program: Command): void => {
  const workLists = program.command('work-lists').description('community work-item lists (社区工作事项清单): import a published list');
  workLists
    .command('import <file>')
    .description('import a published list; --dry-run reports every bad row (line, column, reason) and imports nothing; a rerun resumes without duplicates')
    .requiredOption('--format <format>', 'csv, json or xlsx')
    .requiredOption('--jurisdiction <id>', 'the owning jurisdiction (list set)')
    .requiredOption('--source <document>', 'the published document the list is taken from (cited by every imported item)')
    .requiredOption('--effective-from <date>', 'the version takes effect on this local date')
    .requiredOption('--actor <id>', 'who imports (the events are attributed to this actor)')
    .option('--role <role...>', 'roles of the importer; default list_approval_body@jurisdiction:<jurisdiction>')
    .option('--import-id <id>', 'default: a digest of the file (the same file resumes the same import)')
    .option('--dry-run', 'validate only; import nothing')
    .option('--community-kind <kind>', 'establish the list set if missing: urban_community or village (the registry\'s kinds)')
    .option('--level <level>', 'with --community-kind: prefecture_city (urban_community default) or county (village default)')
    .option('--covered <refs>', 'with --community-kind: comma-separated district/county refs the lists govern')
    .option('--name <name>', 'with --community-kind: the list set\'s name')
    .option('--level-reason <text>', 'with --level other than the default (WL-3 / WL-6): why')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, options: ImportCliOptions) => {
      // The service (Nest, storage) and the spreadsheet readers load only when an import runs.
      const { runImport } = await import('./run-work-lists');
      const report = await runImport(file, options, process.env, (line) => process.stdout.write(`${line}\n`));
      if (report.problems.length > 0) {
        process.stdout.write(`${report.problems.length} problem(s) in ${report.rows} row(s); nothing imported\n`);
        process.exitCode = 1;
        return;
      }
      if (report.dryRun) {
        process.stdout.write(`dry run: ${report.rows} row(s) valid; nothing imported (import id ${report.importId})\n`);
        return;
      }
      process.stdout.write(`imported ${report.appended} item(s) (${report.alreadyImported} already imported) as ${report.importId}; list version published on ${report.published?.streamId}\n`);
    });
};
