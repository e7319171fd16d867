import { readFile } from 'node:fs/promises';
import { useMemoryTemplate } from '../../src/infrastructure/event-store/sql/pglite-sql-client';

// Every in-memory PGlite in this suite starts from the data directory globalSetup initialised once.
const file = process.env.CIVIC_LEDGER_PGLITE_TEMPLATE;
if (file !== undefined) {
  let template: Promise<Blob> | undefined;
  useMemoryTemplate(() => (template ??= readFile(file).then((bytes) => new Blob([bytes]))));
}
