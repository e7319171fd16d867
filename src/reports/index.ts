export * from './report-model';
export * from './build-report';
export * from './format-json';
export * from './format-csv';
export * from './format-xlsx';
export * from './row-sorter';
export * from './drain';
export * from './text-spill';
