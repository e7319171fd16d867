export * from './event';
export * from './decider';
export * from './errors';
