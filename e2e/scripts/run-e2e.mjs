#!/usr/bin/env node
// Runs the end-to-end suite against the provider named by E2E_PROVIDER
// (local by default; --provider=<name> overrides, as the integration target
// does so that `npm test` never depends on Docker or a user's cluster).
// A provider that cannot run here (testcontainers without a Docker engine)
// says so plainly and exits 0, or 1 when E2E_REQUIRE_PROVIDER=1.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const forced = args.find((a) => a.startsWith('--provider='))?.slice('--provider='.length);
const jestArgs = args.filter((a) => !a.startsWith('--provider='));
const env = { ...process.env, ...(forced ? { E2E_PROVIDER: forced } : {}) };

process.env.TSX_TSCONFIG_PATH ??= join(root, 'tsconfig.base.json');
register();
const { providerFromEnv, unavailableIsFailure } = await import('../src/providers/provider-choice.ts');
const { probeDocker } = await import('../src/providers/docker-engine.ts');

let provider;
try {
  provider = providerFromEnv(env);
} catch (error) {
  process.stderr.write(`e2e: ${error.message}\n`);
  process.exit(2);
}
if (provider === 'testcontainers') {
  const docker = await probeDocker(env);
  if (!docker.reachable) {
    const required = unavailableIsFailure(env);
    process.stderr.write(
      [
        '',
        '  e2e: the testcontainers provider DID NOT RUN: no test was executed.',
        `  why: ${docker.reason}.`,
        '  The local provider (`npx nx run e2e:e2e` without E2E_PROVIDER) runs every case without Docker.',
        required ? '  E2E_REQUIRE_PROVIDER is set, so this counts as a failure.' : '  Exit status 0 (set E2E_REQUIRE_PROVIDER=1 to make this a failure).',
        '',
      ].join('\n'),
    );
    process.exit(required ? 1 : 0);
  }
}

const child = spawn(process.execPath, ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(root, 'node_modules/jest/bin/jest.js'), '-c', join(root, 'e2e/jest.int.config.mjs'), ...jestArgs], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
