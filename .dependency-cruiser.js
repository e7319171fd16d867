/** Layering rules (DESIGN.md "Layout"); `npm test` runs them first, so a violation fails CI. */
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
