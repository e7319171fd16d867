import { isPlainDate, ValidationError, type FieldProblem } from '../../domain/shared';
import { REPORT_NAMES, type ReportName, type ReportParams, type ReportScope } from '../../reports';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What a caller asks for, as the CLI options and the HTTP query give it (all text). */
export type ReportRequestInput = Readonly<{
  name: string;
  from?: string;
  to?: string;
  community?: string;
  township?: string;
  county?: string;
  format?: string;
  at?: string;
}>;

export type ReportRequest = Readonly<{ params: ReportParams; format: ReportFormat; atSize: bigint | undefined }>;

const SCOPE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Checks a report request; every problem is named (400 over HTTP, exit 2 on the CLI). */
export const parseReportRequest = (input: ReportRequestInput, timeZone?: string): ReportRequest => {
  const problems: FieldProblem[] = [];
  if (!(REPORT_NAMES as readonly string[]).includes(input.name)) problems.push({ field: 'name', message: `one of ${REPORT_NAMES.join(', ')}` });
  for (const field of ['from', 'to'] as const) {
    const value = input[field];
    if (value !== undefined && !isPlainDate(value)) problems.push({ field, message: 'a date YYYY-MM-DD' });
  }
  if (input.from !== undefined && input.to !== undefined && isPlainDate(input.from) && isPlainDate(input.to) && input.from > input.to) {
    problems.push({ field: 'from', message: 'not after to' });
  }
  const scopes = (['community', 'township', 'county'] as const).filter((k) => input[k] !== undefined);
  if (scopes.length > 1) problems.push({ field: scopes[1]!, message: 'only one of community, township, county' });
  for (const k of scopes) if (!SCOPE_ID.test(String(input[k]))) problems.push({ field: k, message: 'an id of letters, digits and . _ : -' });
  const format = input.format ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) problems.push({ field: 'format', message: `one of ${REPORT_FORMATS.join(', ')}` });
  if (input.at !== undefined && !/^\d{1,19}$/.test(input.at)) problems.push({ field: 'at', message: 'a tree size (a decimal integer)' });
  if (problems.length > 0) throw new ValidationError('the report request has invalid fields', problems);
  const kind = scopes[0];
  const scope: ReportScope | undefined = kind === undefined ? undefined : { kind, id: String(input[kind]) };
  return {
    params: {
      name: input.name as ReportName,
      ...(scope === undefined ? {} : { scope }),
      ...(input.from === undefined ? {} : { from: input.from }),
      ...(input.to === undefined ? {} : { to: input.to }),
      ...(timeZone === undefined ? {} : { timeZone }),
    },
    format: format as ReportFormat,
    atSize: input.at === undefined ? undefined : BigInt(input.at),
  };
};
