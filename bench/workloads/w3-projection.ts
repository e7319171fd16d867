import type { Progress } from '../lib/progress';
import type { RawPg } from '../lib/raw-pg';
import type { Measurement } from '../lib/stats';
import type { OpenedStore } from '../lib/targets';
import type { Shape } from './shape';

export const W3_BATCH_SIZE = 500;

/** Placeholder until the projection runner lands (src/projections). */
export const w3Store = async (_target: OpenedStore, _shape: Shape, _progress: Progress): Promise<Measurement> => {
  throw new Error('W3 not implemented yet');
};

export const w3Raw = async (_raw: RawPg, _shape: Shape, _progress: Progress): Promise<Measurement> => {
  throw new Error('W3 not implemented yet');
};
