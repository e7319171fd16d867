import type { DataSource } from 'typeorm';
import { TableColumn } from 'typeorm';
import { TableUtils } from 'typeorm/schema-builder/util/TableUtils';
import type { AnyProjection } from './projection';

export type TableColumnModel = Readonly<{
  property: string;
  column: string;
  /** Full PostgreSQL type, e.g. `character varying(80)`, `timestamp with time zone`, `text[]`. */
  sqlType: string;
  nullable: boolean;
  /** int8/numeric come back as text on every driver we use, so the fold sees strings. */
  asText: boolean;
  /**
   * Types whose stored form the runner can tell from a fold's value without asking the database
   * (see storedForm in projection-writer.ts); null for every other type (jsonb, timestamps, arrays...).
   */
  plain: PlainType | null;
}>;

/** Column types with a stored form known in advance: the value comes back as written, or as its decimal text (int8). */
export type PlainType = Readonly<{ kind: 'text' | 'integer' | 'int8' | 'boolean' | 'uuid'; maxLength?: number }>;

const plainTypeOf = (sqlType: string): PlainType | null => {
  if (sqlType === 'text') return { kind: 'text' };
  const varchar = /^character varying(?:\((\d+)\))?$/.exec(sqlType);
  if (varchar !== null) return varchar[1] === undefined ? { kind: 'text' } : { kind: 'text', maxLength: Number(varchar[1]) };
  if (sqlType === 'integer' || sqlType === 'smallint') return { kind: 'integer' };
  if (sqlType === 'bigint') return { kind: 'int8' };
  if (sqlType === 'boolean') return { kind: 'boolean' };
  if (sqlType === 'uuid') return { kind: 'uuid' };
  return null;
};

/** What the runner needs to know about a projection's table, read from its TypeORM entity metadata. */
export type TableModel = Readonly<{
  /** Name queries use: a view over the active build's table. */
  baseTable: string;
  columns: readonly TableColumnModel[];
  primaryKey: TableColumnModel;
  indices: ReadonlyArray<Readonly<{ columns: readonly string[]; unique: boolean }>>;
}>;

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const tableModelOf = (dataSource: DataSource, projection: AnyProjection): TableModel => {
  const metadata = dataSource.getMetadata(projection.entity);
  const columns = metadata.columns.map((column): TableColumnModel => {
    const type = dataSource.driver.createFullType(new TableColumn(TableUtils.createTableColumnOptions(column, dataSource.driver)));
    const base = dataSource.driver.normalizeType(column);
    return {
      property: column.propertyName,
      column: column.databaseName,
      sqlType: type,
      nullable: column.isNullable,
      asText: ['bigint', 'int8', 'numeric', 'decimal'].includes(base) && !column.isArray,
      plain: column.isArray ? null : plainTypeOf(type),
    };
  });
  const primary = metadata.primaryColumns;
  if (primary.length !== 1 || primary[0] === undefined) {
    throw new Error(`projection ${projection.name}: the entity needs exactly one primary column`);
  }
  const primaryName = primary[0].databaseName;
  const primaryKey = columns.find((c) => c.column === primaryName);
  if (primaryKey === undefined) throw new Error(`projection ${projection.name}: primary column not found`);
  return {
    baseTable: metadata.tableName,
    columns,
    primaryKey,
    indices: metadata.indices.map((index) => ({ columns: index.columns.map((c) => c.databaseName), unique: index.isUnique })),
  };
};

/** DDL for one build's table, named apart from every other build's so they can live side by side. */
export const createTableSql = (model: TableModel, table: string): string => {
  const columns = model.columns.map((c) => `${quoteIdent(c.column)} ${c.sqlType}${c.nullable ? '' : ' NOT NULL'}`);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (${columns.join(', ')}, PRIMARY KEY (${quoteIdent(model.primaryKey.column)}))`,
    `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${table}_position_idx`)} ON ${quoteIdent(table)} (last_global_position)`,
    ...model.indices.map(
      (index, i) =>
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(`${table}_idx${i}`)} ON ${quoteIdent(table)} (${index.columns.map(quoteIdent).join(', ')})`,
    ),
  ];
  return statements.join(';\n');
};
