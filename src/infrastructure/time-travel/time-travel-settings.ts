import { ConfigError } from '../config/app-config';

export const DEFAULT_TIME_TRAVEL_MAX_EVENTS = 100_000;

/**
 * AUDIT_TIME_TRAVEL_MAX_EVENTS: how many events a read model rebuilt "as of a position" may read
 * (the rebuild is in memory, on demand); a request that needs more is refused with 422.
 */
export const loadTimeTravelMaxEvents = (env: Readonly<Record<string, string | undefined>>): number => {
  const raw = env['AUDIT_TIME_TRAVEL_MAX_EVENTS']?.trim();
  if (raw === undefined || raw === '') return DEFAULT_TIME_TRAVEL_MAX_EVENTS;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw new ConfigError([`AUDIT_TIME_TRAVEL_MAX_EVENTS=${raw}: expected an integer from 1 to 999999999`]);
  return Number(raw);
};
