#!/usr/bin/env node
// Builds the audit pages' static files into dist/audit-assets/: audit.js (the page script with
// src/transparency, the offline verifier, bundled for the browser by esbuild) and audit.css.
// `npm run build` / `prepare` run it after tsc; the browser test suite runs it too.
const { copyFileSync, existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const pages = path.join(root, 'src', 'infrastructure', 'audit-pages');
const out = path.join(root, 'dist', 'audit-assets');

/** Synchronous, so bin/build.js stays synchronous; throws when esbuild is missing and the assets were never built. */
const buildAuditAssets = () => {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    if (existsSync(path.join(out, 'audit.js'))) return; // production install: ship what was built
    throw new Error('dist/audit-assets is missing and esbuild is not installed: run `npm install`');
  }
  mkdirSync(out, { recursive: true });
  esbuild.buildSync({
    entryPoints: [path.join(pages, 'browser', 'audit-page.ts')],
    outfile: path.join(out, 'audit.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  copyFileSync(path.join(pages, 'assets', 'audit.css'), path.join(out, 'audit.css'));
};

module.exports = { buildAuditAssets };

if (require.main === module) {
  try {
    buildAuditAssets();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
