import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_ORGANIC_LAW_2025_EFFECTIVE, DEFAULT_TIME_ZONE, isIsoDate, isTimeZone } from '../../domain/shared';
import { DEFAULT_MAX_RETRIES } from '../../application/command-handling/handle-command';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** How log lines reach standard output (README "Settings", LOG_WRITES). */
export type LogWrites = 'sync' | 'async';
const LOG_WRITES: readonly LogWrites[] = ['sync', 'async'];

export type AppConfig = Readonly<{
  port: number;
  /** Embedded PGlite directory; `memory://` keeps everything in memory (tests). */
  dataDir: string;
  /** PostgreSQL mode when set. */
  databaseUrl: string | undefined;
  /** EventStoreDB mode when set (events in EventStoreDB, read models in DATABASE_URL). */
  eventStoreUrl?: string;
  storageMode: 'embedded' | 'postgres' | 'eventstore';
  jwtSecret: string;
  /** Where the secret came from, for the start-up log (never the secret itself). */
  jwtSecretSource: 'environment' | 'data-dir' | 'generated';
  logLevel: LogLevel;
  logWrites: LogWrites;
  timeZone: string;
  organicLaw2025Effective: string;
  commandMaxRetries: number;
  /** How often the deadline watchdog runs in-process; 0 disables it. */
  watchdogIntervalSeconds: number;
  /** VM-2, VM-10, RM-2, RM-4: days after an obliging petition by which the meeting must be convened (the statutes set none). */
  mustConveneWithinDays: number;
  /** How long a GET with a minimum position waits for the read models before 503 READ_MODEL.LAGGING. */
  readWaitMs: number;
  /**
   * How long the in-process read models wait after a pass that caught up before looking for new
   * events (a reader with a minimum position wakes them at once). Longer: fewer, larger batches.
   */
  projectionPollMs: number;
  /** Origins whose browser pages may call the API (CORS); empty: none. */
  corsOrigins: readonly string[];
  /** How many events a read model rebuilt "as of a position" may read (AUDIT_TIME_TRAVEL_MAX_EVENTS); beyond it 422. */
  auditTimeTravelMaxEvents: number;
  /** Keys given as settings, base64 of 32 bytes each, checked here; unset: generated beside the data (README "Settings"). */
  keys: Readonly<{ requestFingerprint?: string; personDataMaster?: string }>;
  production: boolean;
  /** Where reports spill their sorted runs (REPORT_TMP_DIR); the system's temporary directory when unset. */
  reportTmpDir?: string;
  /** Bounds on every wait for the database (README "Settings"). */
  database: DatabaseLimits;
  /** The transparency log's settings as given; `loadLogSettings` checks them and loads the key. */
  transparencyLog: LogEnvironment;
}>;

/** README "Settings": LOG_ORIGIN, LOG_SIGNATURE_PROFILE, LOG_SIGNING_KEY, LOG_CHECKPOINT_INTERVAL_SECONDS, unset when empty. */
export type LogEnvironment = Readonly<{ origin?: string; signatureProfile?: string; signingKey?: string; checkpointIntervalSeconds?: string }>;

export type DatabaseLimits = Readonly<{
  /** PostgreSQL `statement_timeout` of the service's sessions. */
  statementTimeoutMs: number;
  /** PostgreSQL `lock_timeout` of the service's sessions. */
  lockTimeoutMs: number;
  /** How long to wait for a new connection or a free one from the pool. */
  connectTimeoutMs: number;
  /** How long `/health` waits for the store before it answers 503. */
  healthTimeoutMs: number;
}>;

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  statementTimeoutMs: 5000,
  lockTimeoutMs: 2000,
  connectTimeoutMs: 5000,
  healthTimeoutMs: 1500,
};

export const DEFAULT_WATCHDOG_INTERVAL_SECONDS = 3600;
export const DEFAULT_MUST_CONVENE_WITHIN_DAYS = 30;
export const DEFAULT_READ_WAIT_MS = 5000;
/**
 * 250 ms: at 100 ms the runner made ~10 passes a second under load, each a few statements per read
 * model (19 of them) for a handful of events, ~8% of the service's CPU per command at 160 commands/s
 * (bench/README.md W6); reads with minPosition do not wait for it (they wake the runner).
 */
export const DEFAULT_PROJECTION_POLL_MS = 250;

/** CORS_ORIGINS: comma-separated origins (`https://portal.example.cn`, `http://localhost:5173`) or `*`. */
const corsOriginsOf = (raw: string | undefined, problems: string[]): string[] => {
  if (raw === undefined) return [];
  const origins = raw.split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) {
      problems.push(`CORS_ORIGINS: ${origin} is not an origin (scheme://host[:port], no path) or *`);
    }
  }
  return origins;
};
export const JWT_SECRET_FILE = '.jwt-secret';
export const MIN_SECRET_LENGTH = 32;

/** Every bad setting, each message naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
};

const integer = (env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number => {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    problems.push(`${name}=${raw}: expected an integer from ${min} to ${max}`);
    return fallback;
  }
  return parsed;
};

/** A key setting: the base64 of 32 bytes, or unset. */
const base64Key = (env: Env, name: string, problems: string[]): string | undefined => {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64') !== raw) problems.push(`${name}: expected the base64 of 32 random bytes`);
  return raw;
};

export const DEFAULT_TIME_TRAVEL_MAX_EVENTS = 100_000;

/**
 * Reads and validates the settings (README "Settings"). The JWT secret: CIVIC_LEDGER_JWT_SECRET, or
 * in embedded development mode a secret generated once and kept in DATA_DIR/.jwt-secret, so the
 * service and `civic-ledger token` agree. PostgreSQL mode and NODE_ENV=production require it.
 */
/** The transparency log's variables (for the service through `loadConfig`, for the CLI directly). */
export const logEnvironmentOf = (env: Env): LogEnvironment => {
  const given = {
    origin: value(env, 'LOG_ORIGIN'),
    signatureProfile: value(env, 'LOG_SIGNATURE_PROFILE'),
    signingKey: value(env, 'LOG_SIGNING_KEY'),
    checkpointIntervalSeconds: value(env, 'LOG_CHECKPOINT_INTERVAL_SECONDS'),
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
};

export const loadConfig = (env: Env = process.env, options: Readonly<{ createSecret?: boolean }> = {}): AppConfig => {
  const problems: string[] = [];
  const eventStoreUrl = value(env, 'EVENTSTORE_URL');
  if (eventStoreUrl !== undefined && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\/.+/.test(eventStoreUrl)) {
    problems.push('EVENTSTORE_URL: expected esdb://host:port[?tls=false] or esdb+discover://host:port (a cluster)');
  }
  if (eventStoreUrl !== undefined && value(env, 'DATABASE_URL') === undefined) {
    problems.push('EVENTSTORE_URL: needs DATABASE_URL (PostgreSQL holds the read models, projection checkpoints and the command ledger)');
  }
  const port = integer(env, 'PORT', 3000, 1, 65535, problems);
  const dataDir = value(env, 'DATA_DIR') ?? './data';
  const databaseUrl = value(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    problems.push('DATABASE_URL: expected postgres://user@host:port/database');
  }
  const production = value(env, 'NODE_ENV') === 'production';
  const rawLevel = value(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(rawLevel as LogLevel)) problems.push(`LOG_LEVEL=${rawLevel}: expected one of ${LOG_LEVELS.join(', ')}`);
  const logWrites = value(env, 'LOG_WRITES') ?? 'sync';
  if (!LOG_WRITES.includes(logWrites as LogWrites)) problems.push(`LOG_WRITES=${logWrites}: expected one of ${LOG_WRITES.join(', ')}`);
  const timeZone = value(env, 'TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) problems.push(`TIME_ZONE=${timeZone}: not an IANA time zone (e.g. Asia/Shanghai)`);
  const organicLaw2025Effective = value(env, 'ORGANIC_LAW_2025_EFFECTIVE') ?? DEFAULT_ORGANIC_LAW_2025_EFFECTIVE;
  if (!isIsoDate(organicLaw2025Effective)) problems.push(`ORGANIC_LAW_2025_EFFECTIVE=${organicLaw2025Effective}: expected a date YYYY-MM-DD`);
  const commandMaxRetries = integer(env, 'COMMAND_MAX_RETRIES', DEFAULT_MAX_RETRIES, 0, 50, problems);
  const watchdogIntervalSeconds = integer(env, 'WATCHDOG_INTERVAL_SECONDS', DEFAULT_WATCHDOG_INTERVAL_SECONDS, 0, 31_536_000, problems);
  const mustConveneWithinDays = integer(env, 'MUST_CONVENE_WITHIN_DAYS', DEFAULT_MUST_CONVENE_WITHIN_DAYS, 1, 366, problems);
  const readWaitMs = integer(env, 'READ_WAIT_MS', DEFAULT_READ_WAIT_MS, 0, 60_000, problems);
  const projectionPollMs = integer(env, 'PROJECTION_POLL_MS', DEFAULT_PROJECTION_POLL_MS, 10, 60_000, problems);
  const corsOrigins = corsOriginsOf(value(env, 'CORS_ORIGINS'), problems);
  const auditTimeTravelMaxEvents = integer(env, 'AUDIT_TIME_TRAVEL_MAX_EVENTS', DEFAULT_TIME_TRAVEL_MAX_EVENTS, 1, 999_999_999, problems);
  const requestFingerprintKey = base64Key(env, 'REQUEST_FINGERPRINT_KEY', problems);
  const personDataMasterKey = base64Key(env, 'PERSON_DATA_MASTER_KEY', problems);
  const d = DEFAULT_DATABASE_LIMITS;
  const database: DatabaseLimits = {
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', d.statementTimeoutMs, 100, 3_600_000, problems),
    lockTimeoutMs: integer(env, 'LOCK_TIMEOUT_MS', d.lockTimeoutMs, 10, 3_600_000, problems),
    connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', d.connectTimeoutMs, 100, 600_000, problems),
    healthTimeoutMs: integer(env, 'HEALTH_TIMEOUT_MS', d.healthTimeoutMs, 100, 60_000, problems),
  };

  let jwtSecret = value(env, 'CIVIC_LEDGER_JWT_SECRET');
  let jwtSecretSource: AppConfig['jwtSecretSource'] = 'environment';
  if (jwtSecret !== undefined && jwtSecret.length < MIN_SECRET_LENGTH) {
    problems.push(`CIVIC_LEDGER_JWT_SECRET: must be at least ${MIN_SECRET_LENGTH} characters`);
  } else if (jwtSecret === undefined) {
    if (databaseUrl !== undefined) problems.push('CIVIC_LEDGER_JWT_SECRET: required in PostgreSQL mode (DATABASE_URL is set)');
    else if (production) problems.push('CIVIC_LEDGER_JWT_SECRET: required when NODE_ENV=production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (jwtSecret === undefined) {
    ({ secret: jwtSecret, source: jwtSecretSource } = devSecret(dataDir, options.createSecret ?? true));
  }
  return {
    port,
    dataDir,
    databaseUrl,
    ...(eventStoreUrl === undefined ? {} : { eventStoreUrl }),
    storageMode: eventStoreUrl !== undefined ? 'eventstore' : databaseUrl === undefined ? 'embedded' : 'postgres',
    jwtSecret,
    jwtSecretSource,
    logLevel: rawLevel as LogLevel,
    logWrites: logWrites as LogWrites,
    timeZone,
    organicLaw2025Effective,
    commandMaxRetries,
    watchdogIntervalSeconds,
    mustConveneWithinDays,
    readWaitMs,
    projectionPollMs,
    corsOrigins,
    auditTimeTravelMaxEvents,
    keys: {
      ...(requestFingerprintKey === undefined ? {} : { requestFingerprint: requestFingerprintKey }),
      ...(personDataMasterKey === undefined ? {} : { personDataMaster: personDataMasterKey }),
    },
    production,
    database,
    transparencyLog: logEnvironmentOf(env),
    ...(value(env, 'REPORT_TMP_DIR') === undefined ? {} : { reportTmpDir: value(env, 'REPORT_TMP_DIR') }),
  };
};

/** The embedded development secret: read from DATA_DIR, or generated and stored there (mode 0600). */
const devSecret = (dataDir: string, create: boolean): { secret: string; source: 'data-dir' | 'generated' } => {
  if (dataDir === 'memory://') return { secret: randomBytes(32).toString('base64url'), source: 'generated' };
  const file = join(dataDir, JWT_SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length < MIN_SECRET_LENGTH) throw new ConfigError([`DATA_DIR: ${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters; delete it to generate a new one`]);
    return { secret: stored, source: 'data-dir' };
  }
  if (!create) {
    throw new ConfigError([
      `no JWT secret: CIVIC_LEDGER_JWT_SECRET is not set and DATA_DIR=${dataDir} holds no ${JWT_SECRET_FILE}. ` +
        'Set DATA_DIR to the directory the service uses, or CIVIC_LEDGER_JWT_SECRET to its secret; a new secret would sign tokens the service refuses',
    ]);
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    // Another process (service or CLI) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return devSecret(dataDir, create);
    throw new ConfigError([`DATA_DIR=${dataDir}: cannot store the generated JWT secret (${(error as Error).message})`]);
  }
  return { secret, source: 'generated' };
};
