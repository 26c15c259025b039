import { jestConfig } from '../../jest.preset.mjs';

// No shared apiserver or broker: these specs start their own containers, so
// the integration preset's global setup (which starts the process environment)
// would only cost time and memory here.
export default jestConfig({
  displayName: 'test-containers:int',
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testTimeout: 120_000,
  extra: { maxWorkers: 1 },
});
