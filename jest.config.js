/** Unit, contract, integration and e2e tests. Suites that need PostgreSQL skip themselves
 * (and say so) when TEST_DATABASE_URL is not set. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  testTimeout: 60000,
};
