import { bundledLockKeys, bundleLockfile, lockKeyOf } from './bundle-sbom.js';

const metafile = {
  inputs: {
    'apps/cli/src/main.ts': {},
    'node_modules/yargs/build/lib/yargs.js': {},
    'node_modules/yargs/node_modules/cliui/build/lib/index.js': {},
    'node_modules/@kubernetes/client-node/dist/index.js': {},
    'node_modules/@kubernetes/client-node/dist/api.js': {},
    'apps/cli/tools/string-width.mjs': {},
  },
};

const workspaceLock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'kubeless-ts' },
    'node_modules/yargs': {
      version: '18.0.0',
      license: 'MIT',
      integrity: 'sha512-y',
      dependencies: { cliui: '^9.0.1', 'string-width': '^7.2.0' },
    },
    'node_modules/yargs/node_modules/cliui': {
      version: '9.0.1',
      license: 'ISC',
      dependencies: { 'string-width': '^7.0.0' },
    },
    'node_modules/@kubernetes/client-node': {
      version: '1.4.0',
      license: 'Apache-2.0',
      optionalDependencies: { 'bare-fs': '^4' },
    },
    'node_modules/jest': { version: '30.2.0', dev: true },
  },
};

describe('the CLI bundle SBOM input', () => {
  it('finds the package holding each bundled file', () => {
    expect(lockKeyOf('node_modules/yargs/node_modules/@scope/x/lib/a.js')).toBe(
      'node_modules/yargs/node_modules/@scope/x',
    );
    expect(lockKeyOf('apps/cli/src/main.ts')).toBeUndefined();
    expect(bundledLockKeys(metafile)).toEqual([
      'node_modules/@kubernetes/client-node',
      'node_modules/yargs',
      'node_modules/yargs/node_modules/cliui',
    ]);
  });

  it('writes a lock of exactly the bundled packages, without the requirements esbuild left out', () => {
    const { manifest, lockfile } = bundleLockfile({
      metafile,
      workspaceLock,
      root: { name: '@kubeless-ts/cli', version: '1.0.0', license: 'Apache-2.0' },
    });
    expect(manifest).toEqual({
      name: '@kubeless-ts/cli',
      version: '1.0.0',
      license: 'Apache-2.0',
      dependencies: { '@kubernetes/client-node': '1.4.0', yargs: '18.0.0' },
    });
    expect(lockfile['packages']).toEqual({
      '': {
        name: '@kubeless-ts/cli',
        version: '1.0.0',
        license: 'Apache-2.0',
        dependencies: { '@kubernetes/client-node': '1.4.0', yargs: '18.0.0' },
      },
      'node_modules/@kubernetes/client-node': { version: '1.4.0', license: 'Apache-2.0', dependencies: {} },
      'node_modules/yargs': {
        version: '18.0.0',
        license: 'MIT',
        integrity: 'sha512-y',
        dependencies: { cliui: '^9.0.1' },
      },
      'node_modules/yargs/node_modules/cliui': { version: '9.0.1', license: 'ISC', dependencies: {} },
    });
  });

  it('refuses a bundled package the lock does not know', () => {
    expect(() =>
      bundleLockfile({
        metafile,
        workspaceLock: { packages: {} },
        root: { name: 'x', version: '1.0.0', license: 'MIT' },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'KBL_ERR_RELEASE',
        step: 'sbom',
        message: 'package-lock.json has no node_modules/@kubernetes/client-node',
      }),
    );
  });
});
