/** Layering rules (docs/architecture.md "Layers"); `npm test` runs them first, so a violation fails CI. */
module.exports = {
  forbidden: [
    {
      name: 'no-domain-to-frameworks',
      comment: 'src/domain is pure TypeScript: no framework, driver or validation library.',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: 'node_modules/(@nestjs|typeorm|@eventstore|@kurrent|pg|pg-[a-z-]+|@electric-sql|class-validator|class-transformer|typeorm-pglite|express|jose|pino)(/|$)' },
    },
    {
      name: 'no-domain-to-outer-layers',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: '^src/(application|infrastructure|projections)' },
    },
    {
      name: 'no-application-to-infrastructure',
      severity: 'error',
      from: { path: '^src/application' },
      to: { path: '^src/(infrastructure|projections)' },
    },
    {
      name: 'no-projections-to-application',
      severity: 'error',
      from: { path: '^src/projections' },
      to: { path: '^src/application' },
    },
    {
      name: 'no-projections-to-infrastructure',
      comment: 'read models see ports declared in src/projections (projection-ports.ts); infrastructure implements them',
      severity: 'error',
      from: { path: '^src/projections' },
      to: { path: '^src/infrastructure' },
    },
    {
      name: 'reports-framework-free',
      comment: 'src/reports (report folds and formats) is pure: it reads events and the domain, never a framework, driver or outer layer; the consultation checker it reuses is pure too',
      severity: 'error',
      from: { path: '^src/reports' },
      to: { path: '^src/(application|infrastructure)|^src/projections/(?!procedure-compliance/procedure-compliance\\.checker)|node_modules/(@nestjs|typeorm|@eventstore|pg|pg-[a-z-]+|@electric-sql|class-validator|class-transformer|express|jose|pino)(/|$)' },
    },
    {
      name: 'no-circular',
      comment: 'modules that import each other cannot be understood or tested one at a time',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-domain-nondeterminism',
      comment: 'deciders get time and ids as arguments',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: '^(crypto|node:crypto|uuid)$|node_modules/uuid' },
    },
    {
      name: 'transparency-standalone',
      comment: 'src/transparency (Merkle tree, signed notes, proof bundles) runs without the service: in the CLI and later in a browser',
      severity: 'error',
      from: { path: '^src/transparency' },
      to: { path: '^src/(domain|application|infrastructure|projections)|node_modules/(@nestjs|typeorm|@eventstore|pg|@electric-sql|class-validator|express|jose|pino)(/|$)' },
    },
    {
      name: 'transparency-no-node-builtins',
      severity: 'error',
      from: { path: '^src/transparency' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
