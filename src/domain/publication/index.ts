export * from './publication.vocabulary';
export * from './publication.events';
export * from './publication.commands';
export * from './publication.errors';
export * from './publication.state';
export * from './publication.decider';
export * from './publication.cadence';
