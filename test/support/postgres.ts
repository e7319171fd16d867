import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

/** The PostgreSQL server for integration suites; unset means those suites are skipped (and say so). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** `describe` when TEST_DATABASE_URL is set, otherwise a skipped describe that names itself on stderr. */
export const describePostgres = (name: string, body: () => void): void => {
  if (TEST_DATABASE_URL !== undefined && TEST_DATABASE_URL !== '') {
    describe(name, body);
    return;
  }
  process.stderr.write(`[skipped: TEST_DATABASE_URL not set] ${name}\n`);
  describe.skip(name, body);
};

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * A fresh, empty database on the test server, so suites never see each other's events.
 * Returns its URL and a function that drops it.
 */
export const createTestDatabase = async (prefix = 'cl'): Promise<{ url: string; drop: () => Promise<void> }> => {
  if (TEST_DATABASE_URL === undefined) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(TEST_DATABASE_URL, name),
    drop: async () => {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};
