/**
 * The one file of DI tokens (STYLE.md habit 20). Symbols, so two modules can never collide on a
 * string. They live in the application layer because handlers here inject them; the
 * infrastructure modules bind them to adapters.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVENT_TYPE_REGISTRY = Symbol('EVENT_TYPE_REGISTRY');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
/** The SqlClient of the configured storage (health checks, projections). */
export const SQL_CLIENT = Symbol('SQL_CLIENT');
/** The whole Storage ({ sql, eventStore }) the app was started with. */
export const STORAGE = Symbol('STORAGE');
/** The validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** CommandPipelineOptions ({ maxRetries }). */
export const COMMAND_PIPELINE_OPTIONS = Symbol('COMMAND_PIPELINE_OPTIONS');
/** Optional CommandObserver (metrics). */
export const COMMAND_OBSERVER = Symbol('COMMAND_OBSERVER');
/** The TypeORM DataSource holding the read-model entities (each entity's table is a view over its active build). */
export const READ_MODELS = Symbol('READ_MODELS');
/** The ProjectionRunner of this service instance; tests call `catchUp()` on it. */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
/** WatchdogSettings ({ timeZone }). */
export const WATCHDOG_SETTINGS = Symbol('WATCHDOG_SETTINGS');
/** The PersonDataVault (personal data encrypted per person, outside the log). */
export const PERSON_DATA_VAULT = Symbol('PERSON_DATA_VAULT');
