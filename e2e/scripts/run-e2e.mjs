#!/usr/bin/env node
// Runs the end-to-end suite against the provider named by E2E_PROVIDER
// (local by default; --provider=<name> overrides, as the integration target
// does with the real node). An unknown provider is a usage error (exit 2).
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
const { providerFromEnv } = await import('../src/providers/provider-choice.ts');

try {
  providerFromEnv(env);
} catch (error) {
  process.stderr.write(`e2e: ${error.message}\n`);
  process.exit(2);
}

const child = spawn(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(root, 'node_modules/jest/bin/jest.js'),
    '-c',
    join(root, 'e2e/jest.int.config.mjs'),
    ...jestArgs,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
