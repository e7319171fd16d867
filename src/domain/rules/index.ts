export * from './thresholds';
export * from './meeting-rules';
export * from './reserved-matters';
export * from './cadence';
export * from './occurred-at';
