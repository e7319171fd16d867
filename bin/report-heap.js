// The report command folds a whole history in bounded memory (docs/reports.md "Memory and time"):
// its heap in use stays under 100 MB at a million events, but V8's default sizing lets the process
// grow to several times that before it collects. So `civic-ledger report` runs in a node with its
// old space capped (REPORT_HEAP_MB, default 256; 0 leaves node's default), unless the caller set a cap.
'use strict';

const DEFAULT_REPORT_HEAP_MB = 256;

/** The node flags the CLI re-runs itself with for this command line, or [] to run as it is. */
const reportHeapFlags = (argv, execArgv, env) => {
  if (argv[2] !== 'report') return [];
  const given = [...execArgv, ...String(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((flag) => flag.startsWith('--max-old-space-size'))) return [];
  const text = env.REPORT_HEAP_MB;
  const mb = text === undefined || text === '' ? DEFAULT_REPORT_HEAP_MB : Number(text);
  if (!Number.isInteger(mb) || mb < 0) throw new Error(`REPORT_HEAP_MB: "${text}" is not a whole number of megabytes (0: node's default)`);
  return mb === 0 ? [] : [`--max-old-space-size=${mb}`];
};

module.exports = { reportHeapFlags, DEFAULT_REPORT_HEAP_MB };
