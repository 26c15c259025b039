// Runs the bundled npm-install entry point for real, offline, with a file: dependency.
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FunctionDir } from '../../test/function-dir.js';
import { runtimeBundle } from '../../test/runtime-process.js';

jest.setTimeout(60_000);

describe('npm-install.mjs', () => {
  const dir = FunctionDir.create()
    .withFile(
      'vendor/tiny-local/package.json',
      JSON.stringify({ name: 'tiny-local', version: '1.0.0', main: 'index.js' }),
    )
    .withFile('vendor/tiny-local/index.js', 'module.exports = 42;\n')
    .withFile(
      'src/package.json',
      JSON.stringify({ name: 'fn', version: '1.0.0', dependencies: { 'tiny-local': 'file:./vendor/tiny-local' } }),
    );
  afterAll(() => dir.remove());

  const run = async (env: Record<string, string>) => {
    const installer = join(dirname(await runtimeBundle()), 'npm-install.mjs');
    return spawnSync(process.execPath, [installer], {
      env: { PATH: process.env['PATH'] ?? '', HOME: dir.path, npm_config_offline: 'true', ...env },
      encoding: 'utf8',
    });
  };

  it('copies KUBELESS_DEPS_FILE into the volume and installs into its node_modules', async () => {
    const result = await run({
      KUBELESS_INSTALL_VOLUME: dir.path,
      KUBELESS_DEPS_FILE: join(dir.path, 'src/package.json'),
      NPM_REGISTRY: 'http://127.0.0.1:9/',
    });
    expect(result.stderr + result.stdout).toContain(`--prefix=${dir.path}`);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir.path, 'node_modules/tiny-local/index.js'))).toBe(true);
    expect(readFileSync(join(dir.path, 'package.json'), 'utf8')).toContain('tiny-local');
  });

  it('exits 2 without running npm when a setting is unsafe', async () => {
    const result = await run({ KUBELESS_INSTALL_VOLUME: dir.path, NPM_REGISTRY: 'https://x.example/\nid' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid install settings');
  });
});
