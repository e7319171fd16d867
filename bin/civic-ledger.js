#!/usr/bin/env node
// The package's command-line interface. Runs the TypeScript sources directly, so it works in a
// checkout right after `npm install`.
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
require('../src/infrastructure/cli/main')
  .main(process.argv)
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
