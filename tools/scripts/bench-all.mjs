#!/usr/bin/env node
// `npm run bench`: every project's bench target, one at a time (they measure the same
// CPUs), with BENCH_WRITE_DOCS=1 so the benchmarks that own a section of
// docs/benchmarks.md regenerate it (machine, Node.js version, date, load average).
import { spawnSync } from 'node:child_process';

// The Node.js runtime's bench drives its servers with wrk (autocannon cannot load its baseline).
const wrk = spawnSync('bash', ['tools/bench-kit/scripts/install-wrk.sh'], { stdio: 'inherit' });
if (wrk.status !== 0) process.exit(wrk.status ?? 1);

const result = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'bench', '--parallel=1', '--skip-nx-cache', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, BENCH_WRITE_DOCS: '1' },
  },
);
process.exit(result.status ?? 1);
