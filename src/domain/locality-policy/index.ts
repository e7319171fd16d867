export * from './locality-policy.events';
export * from './locality-policy.commands';
export * from './locality-policy.decider';
