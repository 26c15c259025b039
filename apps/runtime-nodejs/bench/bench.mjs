#!/usr/bin/env node
// Hello-world throughput of the Node.js runtime vs a bare node:http server, same run,
// same load generator. Printed, not asserted (goal: runtime >= 0.8x the bare server).
//   node apps/runtime-nodejs/bench/bench.mjs   (REQUESTS, CONCURRENCY, MAX_SECONDS to tune)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleRuntime } from '../tools/bundle.mjs';
import { formatResult, runLoad } from './http-load.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const load = { requests: Number(process.env.REQUESTS ?? 60_000), concurrency: Number(process.env.CONCURRENCY ?? 50), maxSeconds: Number(process.env.MAX_SECONDS ?? 20) };

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child) {
  for (let i = 0; i < 100; i++) {
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

async function measure(label, command, args, env, readyPath) {
  const port = await freePort();
  const child = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port), FUNC_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(`http://127.0.0.1:${port}${readyPath}`, child);
    await runLoad({ url: `http://127.0.0.1:${port}/`, requests: 2_000, concurrency: load.concurrency, maxSeconds: 5 });
    const result = await runLoad({ url: `http://127.0.0.1:${port}/`, ...load });
    console.log(formatResult(label, result));
    return result;
  } finally {
    child.kill('SIGTERM');
  }
}

const work = mkdtempSync(join(tmpdir(), 'kubeless-node-bench-'));
try {
  writeFileSync(join(work, 'handler.js'), "module.exports = { hello: () => 'hello world' };\n");
  const server = await bundleRuntime(join(work, 'dist'));
  console.log(`node ${process.version}, ${load.requests} requests, concurrency ${load.concurrency}`);
  const bare = await measure('bare node:http', process.execPath, [join(here, 'bare-server.mjs')], {}, '/');
  const runtime = await measure('runtime-nodejs (hello)', process.execPath, [server], { MOD_NAME: 'handler', FUNC_HANDLER: 'hello', KUBELESS_INSTALL_VOLUME: work, FUNC_HOST: '127.0.0.1' }, '/healthz');
  console.log(`ratio runtime/bare: ${(runtime.rps / bare.rps).toFixed(2)}x (goal >= 0.80x)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
