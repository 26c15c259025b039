#!/usr/bin/env node
// Hello-world throughput of the Python runtime vs a bare http.server (both HTTP/1.1
// keep-alive), same run, same Node load generator as the Node.js runtime bench.
// Printed, not asserted.   node apps/runtime-python/bench/bench.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatResult, runLoad } from '../../runtime-nodejs/bench/http-load.mjs';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = ['sh', join(project, 'tools/python.sh')];
const load = { requests: Number(process.env.REQUESTS ?? 10_000), concurrency: Number(process.env.CONCURRENCY ?? 50), maxSeconds: Number(process.env.MAX_SECONDS ?? 20) };

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited early`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready`);
}

async function measure(label, args, env, readyPath) {
  const port = await freePort();
  const child = spawn(python[0], [python[1], ...args], {
    cwd: project,
    env: { ...process.env, ...env, PORT: String(port), FUNC_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady(`http://127.0.0.1:${port}${readyPath}`, child);
    await runLoad({ url: `http://127.0.0.1:${port}/`, requests: 1_000, concurrency: load.concurrency, maxSeconds: 5 });
    const result = await runLoad({ url: `http://127.0.0.1:${port}/`, ...load });
    console.log(formatResult(label, result));
    return result;
  } finally {
    child.kill('SIGTERM');
  }
}

const work = mkdtempSync(join(tmpdir(), 'kubeless-py-bench-'));
try {
  writeFileSync(join(work, 'handler.py'), "def hello(event, context):\n    return 'hello world'\n");
  console.log(`${load.requests} requests, concurrency ${load.concurrency}`);
  const bare = await measure('bare http.server', [join(project, 'bench/bare_server.py')], {}, '/');
  const runtime = await measure('runtime-python (hello)', ['-m', 'kubeless_runtime'], { MOD_NAME: 'handler', FUNC_HANDLER: 'hello', KUBELESS_INSTALL_VOLUME: work, FUNC_HOST: '127.0.0.1', ACCESS_LOG: process.env.ACCESS_LOG ?? 'true' }, '/healthz');
  console.log(`ratio runtime/bare: ${(runtime.rps / bare.rps).toFixed(2)}x`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
