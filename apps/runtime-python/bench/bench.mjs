#!/usr/bin/env node
// Hello world on the Python runtime vs a bare stdlib http.server (ThreadingHTTPServer,
// HTTP/1.1 keep-alive, buffered writes) answering the same bytes, driven by autocannon, in
// interleaved rounds. Printed, not asserted (goal: runtime >= 0.8x the bare server's req/s).
// The first row, a minimal node:http server, is the most the generator drives here.
//   node apps/runtime-python/bench/bench.mjs   (CONNECTIONS, DURATION, WARMUP, ROUNDS, SOAK_SECONDS, ACCESS_LOG)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runRuntimeBench } from '@kubeless-ts/bench-kit';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = join(project, 'tools/python.sh');
const accessLog = process.env.ACCESS_LOG ?? 'true';
const work = mkdtempSync(join(tmpdir(), 'kubeless-py-bench-'));
try {
  writeFileSync(join(work, 'handler.py'), "def hello(event, context):\n    return 'hello world'\n");
  await runRuntimeBench({
    id: 'runtime-python',
    work,
    baseline: {
      label: 'http.server, same answer (baseline)',
      command: 'sh',
      args: [python, join(project, 'bench/bare_server.py')],
      options: { cwd: project },
    },
    runtime: {
      label: `runtime-python (hello, access log ${accessLog === 'false' ? 'off' : 'on'})`,
      command: 'sh',
      args: [python, '-m', 'kubeless_runtime'],
      options: {
        cwd: project,
        env: { MOD_NAME: 'handler', FUNC_HANDLER: 'hello', KUBELESS_INSTALL_VOLUME: work, ACCESS_LOG: accessLog },
        readyPath: '/healthz',
      },
    },
    note: 'RSS of the runtime includes its function processes.',
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
