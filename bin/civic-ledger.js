#!/usr/bin/env node
// The package's command-line interface. Runs the compiled JavaScript in dist/ (built by
// `npm install` / `npm run build`; rebuilt here only when a source is newer than the build).
let heapFlags;
try {
  require('./build').ensureBuilt();
  heapFlags = require('./report-heap').reportHeapFlags(process.argv, process.execArgv, process.env);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
if (heapFlags.length > 0) {
  // `report` in a node with its heap capped (bin/report-heap.js); the same command line otherwise.
  const run = require('node:child_process').spawnSync(process.execPath, [...process.execArgv, ...heapFlags, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
require('../dist/infrastructure/cli/main')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
