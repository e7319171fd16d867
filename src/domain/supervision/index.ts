export * from './supervision.vocabulary';
export * from './supervision-policy';
export * from './supervision.events';
export * from './supervision.commands';
export * from './supervision.errors';
export * from './supervision.eligibility';
export * from './supervision.state';
export * from './supervision.decider';
