export * from './event';
export * from './decider';
export * from './errors';
export * from './legal-calendar';
export * from './plain-date';
export * from './effective-dated';
export * from './working-days';
export * from './person-ref';
