// The shared test environment first (the same global setup jest.preset.mjs names), then helm,
// hadolint and the CRDs of the Prometheus Operator and KEDA (from their Go modules).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import provisionTools from './tools-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup() {
  provisionTools();
  execFileSync('bash', [join(root, 'deploy/scripts/fetch-operator-crds.sh')], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const { default: environmentSetup } = await import(
    pathToFileURL(join(root, 'tools/testenv/jest/global-setup.mjs')).href
  );
  await environmentSetup();
}
