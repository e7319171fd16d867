import type { Command } from 'commander';
import { REPORT_NAMES } from '../../../reports/report-model';

/** `civic-ledger report NAME --from --to [--community|--township|--county] [--at-size N] --format json|csv|xlsx [--out FILE]`. */
export const register = (program: Command): void => {
  program
    .command('report')
    .description(`a compliance report computed from the event log at the newest signed checkpoint (docs/reports.md); NAME is one of ${REPORT_NAMES.join(', ')}`)
    .argument('<name>', 'the report (a section, or all)')
    .option('--from <date>', 'first local date counted (YYYY-MM-DD)')
    .option('--to <date>', 'last local date counted; also the date deadlines are judged by')
    .option('--community <id>', 'one community')
    .option('--township <id>', 'the communities of one township (street)')
    .option('--county <id>', 'the communities of one county (district)')
    .option('--at-size <n>', 'compute at this tree size instead of the newest signed checkpoint')
    .option('--format <format>', 'json, csv or xlsx', 'json')
    .option('--out <path>', 'file to write (a directory for csv of all); default stdout')
    .option('--no-progress', 'no progress bar')
    .action(async (name: string, options: { from?: string; to?: string; community?: string; township?: string; county?: string; atSize?: string; format: string; out?: string; progress?: boolean }) => {
      const { runReport } = await import('./run-report');
      const { atSize, ...rest } = options;
      try {
        const header = await runReport(name, { ...rest, ...(atSize === undefined ? {} : { at: atSize }) });
        if (options.out !== undefined) {
          process.stderr.write(`report ${name} at tree size ${header.treeSize ?? '(no checkpoint)'} (position ${header.globalPosition}) written to ${options.out}\n`);
        }
      } catch (error) {
        const fields = (error as { fields?: { field: string; message: string }[] }).fields;
        process.stderr.write(`${(error as Error).message}${fields === undefined ? '' : `: ${fields.map((f) => `--${f.field} ${f.message}`).join('; ')}`}\n`);
        process.exitCode = 2;
      }
    });
};
