/** Unit, contract, integration and e2e tests. Suites that need PostgreSQL skip themselves
 * (and say so) when TEST_DATABASE_URL is not set. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true }],
    // PGlite's CJS build uses dynamic import(), which Jest's VM refuses without a node flag.
    '/node_modules/@electric-sql/pglite/dist/.+\\.cjs$': '<rootDir>/test/support/pglite-jest-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  testTimeout: 60000,
  // PGlite without initdb per store: one pre-initialised data directory for every suite.
  globalSetup: '<rootDir>/test/support/pglite-template.global-setup.js',
  setupFiles: ['<rootDir>/test/support/pglite-template.setup.ts'],
};
