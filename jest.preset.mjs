// Shared Jest settings. Code is native ESM (the Kubernetes client is ESM-only),
// so Jest runs with --experimental-vm-modules and swc strips types without
// changing the module format; `tsc --noEmit` (the typecheck target) checks types.
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

/**
 * fastify's inject() (light-my-request) require()s `cookie` 2, which ships
 * only as ESM: Node loads it natively, Jest's CommonJS loader cannot. Jest
 * gets the same package bundled to CommonJS, not a stand-in.
 */
function cookieAsCommonJs() {
  const outfile = join(root, 'node_modules/.cache/kubeless-ts-jest/cookie.cjs');
  buildSync({
    entryPoints: [
      createRequire(import.meta.url).resolve('cookie', {
        paths: [createRequire(import.meta.url).resolve('light-my-request')],
      }),
    ],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** Maps each `@kubeless-ts/*` path alias to its source entry point. */
function aliasMapper() {
  const mapper = { '^(\\.{1,2}/.*)\\.js$': '$1', '^cookie$': cookieAsCommonJs() };
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/\\^$*+?.()|[\]{}@-]/g, '\\$&')}$`] = join(root, target);
  }
  return mapper;
}

/** Default output, plus the counts file `npm test` sums into its summary line. */
function reporters(displayName, more = []) {
  return ['default', ...more, [join(root, 'tools/scripts/jest-results-reporter.mjs'), { name: displayName }]];
}

export function jestConfig({ displayName, rootDir, testMatch, testTimeout, extra = {} }) {
  return {
    reporters: reporters(displayName),
    displayName,
    rootDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleNameMapper: aliasMapper(),
    testMatch,
    testTimeout: testTimeout ?? 10_000,
    ...extra,
  };
}

/** Unit specs: `*.spec.ts`, excluding integration specs. */
export function unitConfig(displayName, rootDir) {
  return jestConfig({
    displayName,
    rootDir,
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    extra: { testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'] },
  });
}

/** Integration specs: `*.int.spec.ts`, against the shared real test environment. */
export function integrationConfig(displayName, rootDir) {
  return jestConfig({
    displayName,
    rootDir,
    testMatch: ['<rootDir>/src/**/*.int.spec.ts', '<rootDir>/test/**/*.int.spec.ts'],
    testTimeout: 120_000,
    extra: {
      globalSetup: join(root, 'tools/testenv/jest/global-setup.mjs'),
      globalTeardown: join(root, 'tools/testenv/jest/global-teardown.mjs'),
      reporters: reporters(displayName, [join(root, 'tools/testenv/jest/failure-log-reporter.mjs')]),
      maxWorkers: 1,
    },
  });
}
