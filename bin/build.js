#!/usr/bin/env node
// Compiles src/ to dist/ (tsc, incremental) and bundles the audit pages' script and stylesheet
// (bin/build-audit-assets.js, esbuild). `node bin/build.js` always builds (npm run build,
// and npm install / npm ci through `prepare`); `--if-stale` builds only when dist/ is missing or a
// source is newer than the last build (npm start and the CLI, a few milliseconds when fresh).
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { buildAuditAssets } = require('./build-audit-assets');

const root = path.join(__dirname, '..');
const src = path.join(root, 'src');
const stamp = path.join(root, 'dist', '.built');
const configs = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => path.join(root, f));

const newest = (dir) => {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
};

/** True when dist/ is missing or older than a source or a compiler setting. */
const isStale = () => {
  if (!existsSync(stamp) || !existsSync(path.join(root, 'dist', 'audit-assets', 'audit.js'))) return true;
  // An installed package without sources runs what it ships.
  if (!existsSync(src)) return false;
  const built = statSync(stamp).mtimeMs;
  return newest(src) > built || configs.some((f) => existsSync(f) && statSync(f).mtimeMs > built);
};

const build = () => {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    if (existsSync(path.join(root, 'dist', 'main.js'))) return; // production install: ship dist as is
    throw new Error('dist/ is missing and TypeScript is not installed: run `npm install` (it builds dist/)');
  }
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('the TypeScript build failed (see above)');
  buildAuditAssets();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
};

/** Builds when stale (progress on stderr, so piped stdout stays clean). */
const ensureBuilt = () => {
  if (!isStale()) return;
  process.stderr.write('civic-ledger: compiling src/ to dist/ (once, after a change)...\n');
  build();
};

module.exports = { ensureBuilt, isStale };

if (require.main === module) {
  try {
    if (process.argv.includes('--if-stale')) ensureBuilt();
    else build();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
