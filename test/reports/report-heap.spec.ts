/** `civic-ledger report` runs with a capped heap (bin/report-heap.js; docs/reports.md "Memory and time"). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { reportHeapFlags, DEFAULT_REPORT_HEAP_MB } = require('../../bin/report-heap') as {
  reportHeapFlags: (argv: string[], execArgv: string[], env: Record<string, string | undefined>) => string[];
  DEFAULT_REPORT_HEAP_MB: number;
};

const argv = (...args: string[]) => ['node', 'bin/civic-ledger.js', ...args];

describe('the report command runs in a node with its old space capped', () => {
  it('caps the heap of `report` at the default unless told otherwise', () => {
    expect(reportHeapFlags(argv('report', 'all', '--format', 'csv'), [], {})).toEqual([`--max-old-space-size=${DEFAULT_REPORT_HEAP_MB}`]);
    expect(reportHeapFlags(argv('report', 'all'), [], { REPORT_HEAP_MB: '512' })).toEqual(['--max-old-space-size=512']);
  });

  it('leaves other commands, a cap the caller set, and REPORT_HEAP_MB=0 alone', () => {
    expect(reportHeapFlags(argv('verify'), [], {})).toEqual([]);
    expect(reportHeapFlags(argv('report', 'all'), ['--max-old-space-size=128'], {})).toEqual([]);
    expect(reportHeapFlags(argv('report', 'all'), [], { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=1024' })).toEqual([]);
    expect(reportHeapFlags(argv('report', 'all'), [], { REPORT_HEAP_MB: '0' })).toEqual([]);
  });

  it('refuses a REPORT_HEAP_MB that is not a whole number of megabytes', () => {
    expect(() => reportHeapFlags(argv('report', 'all'), [], { REPORT_HEAP_MB: '256MB' })).toThrow('REPORT_HEAP_MB');
  });
});
