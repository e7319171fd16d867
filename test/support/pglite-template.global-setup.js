// Jest globalSetup: one initialised PGlite data directory, dumped once (PGlite's dumpDataDir) and
// cached under node_modules/.cache per PGlite version. Every in-memory store of every suite starts
// from it (test/support/pglite-template.setup.ts) instead of running initdb, which is most of
// PGlite's start-up (about 10 s of CPU per store).
const { existsSync, mkdirSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');

module.exports = async () => {
  const { version } = require(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'));
  const dir = path.join(root, 'node_modules', '.cache', 'civic-ledger');
  const file = path.join(dir, `pglite-${version}-datadir.tar`);
  process.env.CIVIC_LEDGER_PGLITE_TEMPLATE = file;
  if (existsSync(file)) return;
  const { PGlite } = require('@electric-sql/pglite');
  const db = new PGlite();
  await db.waitReady;
  const dump = await db.dumpDataDir('none');
  await db.close();
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
};
