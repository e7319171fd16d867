import type { ProjectionSql as SqlClient, ProjectionSqlQueryable as SqlQueryable } from './projection-ports';
import { versionedTableName, type AnyProjection } from './projection';
import { createTableSql, quoteIdent, type TableModel } from './projection-table';

/**
 * One row per build of a projection version: its table, its checkpoint and its status. The row with
 * status `active` is the active-version pointer (at most one per name); queries read the view named
 * after the entity, which always selects from the active build's table.
 */
export const PROJECTION_SCHEMA = `
CREATE TABLE IF NOT EXISTS cl_projection_builds (
  name text NOT NULL,
  version integer NOT NULL,
  build integer NOT NULL,
  base_table text NOT NULL,
  table_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  position bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, version, build)
);
CREATE UNIQUE INDEX IF NOT EXISTS cl_projection_builds_one_active ON cl_projection_builds (name) WHERE status = 'active';
`;

/** Serialises DDL between runners (concurrent CREATE ... IF NOT EXISTS can still collide in the catalog). */
const DDL_LOCK = 'SELECT pg_advisory_xact_lock(7340032)';

export type BuildStatus = 'building' | 'active' | 'retired';

export type ProjectionBuild = {
  name: string;
  version: number;
  build: number;
  baseTable: string;
  tableName: string;
  status: BuildStatus;
  position: bigint;
};

type BuildRow = { name: string; version: number; build: number; base_table: string; table_name: string; status: BuildStatus; position: string | number };

const toBuild = (row: BuildRow): ProjectionBuild => ({
  name: row.name,
  version: Number(row.version),
  build: Number(row.build),
  baseTable: row.base_table,
  tableName: row.table_name,
  status: row.status,
  position: BigInt(row.position),
});

export const buildKey = (build: Pick<ProjectionBuild, 'name' | 'version' | 'build'>): string =>
  `${build.name}@v${build.version}.${build.build}`;

export const migrateProjectionSchema = (sql: SqlClient): Promise<void> =>
  sql.transaction(async (tx) => {
    await tx.query(DDL_LOCK);
    for (const statement of PROJECTION_SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
  });

export const listBuilds = async (sql: SqlQueryable, name?: string): Promise<ProjectionBuild[]> => {
  const { rows } = await sql.query<BuildRow>(
    `SELECT name, version, build, base_table, table_name, status, position FROM cl_projection_builds
      WHERE ($1::text IS NULL OR name = $1) ORDER BY name, version, build`,
    [name ?? null],
  );
  return rows.map(toBuild);
};

const replaceView = async (tx: SqlQueryable, baseTable: string, table: string): Promise<void> => {
  await tx.query(`DROP VIEW IF EXISTS ${quoteIdent(baseTable)}`);
  await tx.query(`CREATE VIEW ${quoteIdent(baseTable)} AS SELECT * FROM ${quoteIdent(table)}`);
};

/**
 * Starts a new build of the projection's code version, from position 0, unless one is already
 * building (`force` starts another anyway: `rebuild`). With no active build it becomes active at once.
 */
export const ensureBuild = (sql: SqlClient, projection: AnyProjection, model: TableModel, force = false): Promise<ProjectionBuild | null> =>
  sql.transaction(async (tx) => {
    await tx.query(DDL_LOCK);
    const builds = await listBuilds(tx, projection.name);
    const active = builds.find((b) => b.status === 'active');
    const building = builds.find((b) => b.status === 'building' && b.version === projection.version);
    if (!force) {
      if (active !== undefined && active.version >= projection.version) return null;
      if (building !== undefined) return null;
    }
    const number = Math.max(-1, ...builds.filter((b) => b.version === projection.version).map((b) => b.build)) + 1;
    const table = versionedTableName(model.baseTable, projection.version, number);
    const status: BuildStatus = active === undefined ? 'active' : 'building';
    for (const statement of createTableSql(model, table).split(';\n')) await tx.query(statement);
    await tx.query(
      `INSERT INTO cl_projection_builds (name, version, build, base_table, table_name, status) VALUES ($1, $2, $3, $4, $5, $6)`,
      [projection.name, projection.version, number, model.baseTable, table, status],
    );
    if (status === 'active') await replaceView(tx, model.baseTable, table);
    return { name: projection.name, version: projection.version, build: number, baseTable: model.baseTable, tableName: table, status, position: 0n };
  });

/**
 * Blue/green swap: when `candidate` has caught up with `head`, it becomes the active build, the
 * view points at its table and the previous build is retired and its table dropped, all in one transaction.
 */
export const swapIfCaughtUp = (sql: SqlClient, candidate: ProjectionBuild, head: bigint): Promise<boolean> =>
  sql.transaction(async (tx) => {
    await tx.query(DDL_LOCK);
    const { rows } = await tx.query<BuildRow>(
      `SELECT name, version, build, base_table, table_name, status, position FROM cl_projection_builds WHERE name = $1 FOR UPDATE`,
      [candidate.name],
    );
    const builds = rows.map(toBuild);
    const current = builds.find((b) => b.version === candidate.version && b.build === candidate.build);
    if (current === undefined || current.status !== 'building' || current.position < head) return false;
    const previous = builds.find((b) => b.status === 'active');
    if (previous !== undefined) {
      await tx.query(`UPDATE cl_projection_builds SET status = 'retired', updated_at = now() WHERE name = $1 AND version = $2 AND build = $3`, [
        previous.name,
        previous.version,
        previous.build,
      ]);
    }
    await tx.query(`UPDATE cl_projection_builds SET status = 'active', updated_at = now() WHERE name = $1 AND version = $2 AND build = $3`, [
      current.name,
      current.version,
      current.build,
    ]);
    await replaceView(tx, current.baseTable, current.tableName);
    if (previous !== undefined && previous.tableName !== current.tableName) {
      await tx.query(`DROP TABLE IF EXISTS ${quoteIdent(previous.tableName)}`);
    }
    return true;
  });

/** The table queries should read for a projection (the view name always works too). */
export const activeTableName = async (sql: SqlQueryable, name: string): Promise<string | null> => {
  const { rows } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM cl_projection_builds WHERE name = $1 AND status = 'active'`,
    [name],
  );
  return rows[0]?.table_name ?? null;
};
