export * from './consultation.vocabulary';
export * from './consultation.roles';
export * from './consultation.events';
export * from './consultation.commands';
export * from './consultation.state';
export * from './consultation.decider';
export { tallyOf, isSeriouslyContested } from './consultation.outcome';
export { DEADLINE_RULES } from './consultation.deadlines';
