import { jestConfig } from '../../jest.preset.mjs';

// The kit is plain ESM JavaScript (the runtime benches run it without a build), so its specs are too.
export default jestConfig({
  displayName: 'bench-kit',
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.mjs'],
});
