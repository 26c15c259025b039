// Jest global setup of deploy: helm and hadolint are tools the specs run, built or
// fetched into ~/.cache/kubeless-ts like the control plane (both scripts are
// idempotent and return at once when the tool is cached), so `npm test` on a fresh
// machine provisions them instead of failing.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function provisionTools() {
  for (const script of ['tools/testenv/scripts/build-helm.sh', 'deploy/scripts/fetch-hadolint.sh']) {
    execFileSync('bash', [join(root, script)], { stdio: ['ignore', process.stderr, process.stderr] });
  }
}
