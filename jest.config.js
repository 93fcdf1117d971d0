/**
 * Tiers (see README "Tests"): unit specs beside the code, integration, e2e and browser under test/,
 * the workbench's unit specs beside its code in web/src.
 * Integration/e2e suites create their own database per file, so files may run in parallel.
 */
const tsJest = ['ts-jest', { diagnostics: false }];
const common = { transform: { '^.+\\.ts$': tsJest }, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  maxWorkers: 2,
  // Generous: suites boot the app and import real plans, and a busy 2-core machine slows them down several times.
  testTimeout: 300000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/contract/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...common, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.test.ts'] },
    // The workbench's own logic (formatting, as-of, error mapping), compiled as CommonJS for jest.
    {
      ...common,
      displayName: 'web',
      testMatch: ['<rootDir>/web/src/**/*.spec.ts'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true } }] },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    },
    // The workbench in Chromium against the app on a real port (needs web/dist: npm test builds it).
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/retry-once.ts'],
    },
  ],
};
