import type { AnyProjection } from './projection';

/**
 * Every read model the service keeps up to date. Domain modules add their definitions here; the
 * service's ProjectionsModule runs them and `civic-ledger projections` lists them.
 */
export const ALL_PROJECTIONS: readonly AnyProjection[] = [];
