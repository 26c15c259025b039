import { join } from 'node:path';
import { jestConfig } from '../jest.preset.mjs';

// Not the shared integration config: the e2e target brings its own control
// plane (or is a real cluster), so the shared test environment is not started.
const provider = (process.env.E2E_PROVIDER ?? '').trim().toLowerCase();

export default jestConfig({
  displayName: 'e2e:int',
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/cases/**/*.int.spec.ts'],
  testTimeout: 240_000,
  extra: {
    globalSetup: join(import.meta.dirname, 'jest/global-setup.mjs'),
    globalTeardown: join(import.meta.dirname, 'jest/global-teardown.mjs'),
    maxWorkers: 1,
    // cases/cluster/ needs containers on a kubelet: the node and cluster providers have them, the process host does not.
    // The build step and the install from a release also need a registry the node pulls from: only the node provider brings one.
    testPathIgnorePatterns: [
      '/node_modules/',
      ...(['node', 'cluster'].includes(provider) ? [] : ['/src/cases/cluster/']),
      ...(provider === 'node' ? [] : ['/src/cases/cluster/build-step', '/src/cases/cluster/release-install']),
    ],
  },
});
