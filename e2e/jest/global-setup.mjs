// One target per e2e run (the local stack by default), started before any
// spec and handed to them through KUBELESS_E2E_TARGET.
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(import.meta.dirname, '..', '..');

export default async function globalSetup() {
  // A target kept up by `nx run e2e:stack` is reused as is.
  if (process.env.KUBELESS_E2E_TARGET) return;
  // The providers import workspace libraries through the tsconfig path aliases.
  process.env.TSX_TSCONFIG_PATH ??= join(root, 'tsconfig.base.json');
  register();
  const { startTarget } = await import('../src/providers/start-target.ts');
  const { encodeTarget, TARGET_ENV } = await import('../src/providers/e2e-target.ts');
  const startedAt = Date.now();
  const running = await startTarget({
    workspaceRoot: root,
    env: process.env,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(
    `[e2e] ${running.target.provider} target ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`,
  );
  // Workers are forked after global setup, so they inherit the variable.
  process.env[TARGET_ENV] = encodeTarget(running.target);
  globalThis.__KUBELESS_E2E_TARGET__ = running;
}
