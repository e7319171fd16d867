#!/usr/bin/env node
// The package's command-line interface. Runs the compiled JavaScript in dist/ (built by
// `npm install` / `npm run build`; rebuilt here only when a source is newer than the build).
try {
  require('./build').ensureBuilt();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
require('../dist/infrastructure/cli/main')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
