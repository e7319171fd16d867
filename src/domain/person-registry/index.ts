export * from './person-registry.events';
export * from './person-registry.decider';
