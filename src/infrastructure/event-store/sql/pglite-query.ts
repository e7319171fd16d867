import type { PGlite } from '@electric-sql/pglite';
import { LRUCache } from 'lru-cache';
import { DatabaseError, serialize } from 'pg-protocol';
import { DataRowMessage, RowDescriptionMessage } from 'pg-protocol/dist/messages';
import { Parser } from 'pg-protocol/dist/parser';

/** What the one-message path sends for a parameter: text, or SQL NULL. */
type TextValue = string | null;

/**
 * A parameter as text the way node-postgres sends it (the PostgreSQL store's driver, so every
 * caller of the SqlClient already works with it), or undefined for a value this path leaves to
 * PGlite's own serialisers (arrays, objects, dates, bytes: they depend on the parameter's type).
 */
const textOf = (value: unknown): TextValue | undefined => {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : undefined;
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
};

export const textParams = (params: readonly unknown[] | undefined): TextValue[] | undefined => {
  if (params === undefined) return [];
  const values = new Array<TextValue>(params.length);
  for (let i = 0; i < params.length; i++) {
    const text = textOf(params[i]);
    if (text === undefined) return undefined;
    values[i] = text;
  }
  return values;
};

const DESCRIBE_PORTAL = serialize.describe({ type: 'P' });
const EXECUTE = serialize.execute({});
const SYNC = serialize.sync();

type Parsers = Record<number | string, (text: string, typeId?: number) => unknown>;

/**
 * Reads the backend's reply to queryInOneMessage as it arrives, with node-postgres's protocol
 * parser: the rows of the first result, each value parsed by PGlite's parser for its type (as
 * `db.query` does), and the first error the backend reported.
 */
class Reply<T> {
  readonly rows: T[] = [];
  error: DatabaseError | undefined;
  private readonly parser = new Parser();
  private names: string[] = [];
  private types: number[] = [];
  private valueParsers: (((text: string, typeId?: number) => unknown) | undefined)[] = [];
  private done = false;

  constructor(private readonly parsers: Parsers) {}

  /** A chunk of the reply, a view of the WebAssembly heap: copied before the parser keeps any of it. */
  readonly read = (chunk: Uint8Array): void => {
    this.parser.parse(Buffer.from(chunk), (message) => {
      if (this.done) return;
      if (message instanceof DataRowMessage) {
        const row: Record<string, unknown> = {};
        const { names, types, valueParsers } = this;
        for (let i = 0; i < names.length; i++) {
          const text = message.fields[i] as string | null;
          const parser = valueParsers[i];
          row[names[i] as string] = text === null || parser === undefined ? text : parser(text, types[i]);
        }
        this.rows.push(row as T);
      } else if (message instanceof RowDescriptionMessage) {
        this.names = message.fields.map((field) => field.name);
        this.types = message.fields.map((field) => field.dataTypeID);
        this.valueParsers = this.types.map((type) => this.parsers[type]);
      } else if (message instanceof DatabaseError) {
        this.error ??= message;
      } else if (message.name === 'commandComplete') {
        this.done = true;
      }
    });
  };
}

/** How many named statements one PGlite session keeps; the least recently used is closed beyond it. */
const PREPARED_LIMIT = 200;

/**
 * The named prepared statements of one PGlite session, by statement text. A statement evicted, or
 * one whose run failed (it may not exist, or no longer fit its tables), is closed with the next
 * message: a Close of a statement that does not exist is no error.
 */
export class PreparedStatements {
  private next = 0;
  private readonly toClose: Buffer[] = [];
  private readonly names = new LRUCache<string, string>({
    max: PREPARED_LIMIT,
    dispose: (name) => void this.toClose.push(serialize.close({ type: 'S', name })),
  });

  /** The messages that start a run of `sql`: pending Closes, then Parse unless it is already prepared. */
  start(sql: string, prepare: boolean): { parts: Buffer[]; statement: string } {
    const parts = this.toClose.splice(0);
    if (!prepare) return { parts: [...parts, serialize.parse({ text: sql })], statement: '' };
    const known = this.names.get(sql);
    if (known !== undefined) return { parts, statement: known };
    const statement = `cl_${(this.next++).toString(36)}`;
    this.names.set(sql, statement);
    return { parts: [...parts, serialize.parse({ text: sql, name: statement })], statement };
  }

  failed(sql: string): void {
    this.names.delete(sql);
  }
}

/**
 * The errors of a prepared statement that no longer fits its session or its tables (it was
 * deallocated, 26000; its result changed shape, 0A000 "cached plan must not change result type"),
 * raised before it ran: parsed again, the statement may be sent once more.
 */
export const isStalePrepared = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '26000' || (code === '0A000' && /cached plan/.test(String((error as { message?: unknown }).message)));
};

/**
 * One statement with parameters in ONE call into the WebAssembly session: Parse, Bind, Describe,
 * Execute and Sync sent as one message, and the reply read by node-postgres's protocol parser.
 * PGlite's own `query` makes six calls for the same statement (Parse; Describe of the statement,
 * only to learn the parameters' types for its serialisers; Bind; Describe; Execute; Sync), each
 * through its own protocol parser, which copies every value's bytes before decoding them. Values are
 * parsed by PGlite's parsers (`db.parsers`), so rows are the same as `db.query`'s. Parameters come
 * from `textParams`; a statement whose parameters it refuses goes through PGlite's `query`. With
 * `prepare`, the statement is parsed once and later runs only Bind (PreparedStatements).
 *
 * The caller holds PGlite's locks: the session is one, and the message must not interleave with
 * another caller's statements (see wrapPglite).
 */
export const queryInOneMessage = async <T>(
  db: PGlite,
  statements: PreparedStatements,
  sql: string,
  values: readonly TextValue[],
  options: Readonly<{ params?: readonly unknown[]; prepare?: boolean }> = {},
): Promise<T[]> => {
  const prepare = options.prepare === true;
  const { parts, statement } = statements.start(sql, prepare);
  const message = Buffer.concat([...parts, serialize.bind({ statement, values: [...values] }), DESCRIBE_PORTAL, EXECUTE, SYNC]);
  const reply = new Reply<T>(db.parsers);
  try {
    await db.execProtocolRawStream(message, { syncToFs: false, onRawData: reply.read });
  } catch (error) {
    if (prepare) statements.failed(sql);
    throw error;
  }
  if (reply.error !== undefined) {
    if (prepare) statements.failed(sql);
    // As PGlite's query reports a database error: the statement and its parameters attached.
    throw Object.assign(reply.error, { query: sql, params: options.params });
  }
  return reply.rows;
};
