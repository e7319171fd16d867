export * from './community.events';
export * from './community.commands';
export * from './community.errors';
export * from './community.decider';
export * from './community.roster';
export * from './community.cadence';
