#!/usr/bin/env node
// Hello world on the Node.js runtime vs a bare node:http server answering the same bytes,
// driven by wrk, in interleaved rounds. Printed, not asserted (goal: runtime >= 0.8x the bare
// server's req/s, p99 <= 2x). wrk, not autocannon: autocannon (a Node.js process itself) drove
// the bare server only 1.23x above what it drove the runtime to, so that ratio was an upper
// bound; wrk needs far less CPU per request, and each row says how busy it was. The first row,
// a minimal node:http server, is the most the generator drove; each row also says how busy the
// server's core was, and the verdict says whether the req/s ratio measures the servers or the
// generator (then CPU per request is the figure to read). wrk: tools/bench-kit/scripts/install-wrk.sh
// (BENCH_GENERATOR=autocannon for the old figures).
// Not pinned with taskset: on the 2-core dev machine autocannon alone on one core drove the
// bare server pinned to the other at only 26-41% of its core, and pinning puts the runtime's
// HTTP and function threads on one core, which the runtime does not have in a pod (ADR 0022).
//   node apps/runtime-nodejs/bench/bench.mjs   (CONNECTIONS, DURATION, WARMUP, ROUNDS, SOAK_SECONDS to tune)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRuntimeBench } from '@kubeless-ts/bench-kit';
import { bundleRuntime } from '../tools/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kubeless-node-bench-'));
try {
  writeFileSync(join(work, 'handler.js'), "module.exports = { hello: () => 'hello world' };\n");
  const server = await bundleRuntime(join(work, 'dist'));
  await runRuntimeBench({
    id: 'runtime-nodejs',
    work,
    generator: 'wrk',
    baseline: {
      label: 'node:http, same answer (baseline)',
      command: process.execPath,
      args: [join(here, 'bare-server.mjs')],
      options: { cwd: work },
    },
    runtime: {
      label: 'runtime-nodejs (hello, defaults)',
      command: process.execPath,
      args: [server],
      options: {
        cwd: work,
        env: { MOD_NAME: 'handler', FUNC_HANDLER: 'hello', KUBELESS_INSTALL_VOLUME: work },
        readyPath: '/healthz',
      },
    },
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
