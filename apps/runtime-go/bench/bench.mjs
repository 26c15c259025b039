#!/usr/bin/env node
// Hello world of the Go, Ruby, PHP and Java runtimes vs a bare HTTP server of the same
// language (Go net/http, WEBrick, php -S, com.sun.net.httpserver), in one run driven by
// wrk (BENCH_GENERATOR=autocannon for the old driver: its ceiling on these 2 cores was
// where the Go rows sat, so their ratio measured autocannon); and each runtime's cold start
// (process start to the first 200). Printed, not asserted. The first row is a bare node:http
// server in its own process; every row says how busy the generator was, and each pair's
// ratio says whether the generator had room while driving the bare server. Needs go, ruby
// (+ webrick), php, java, javac, mvn, wrk (tools/bench-kit/scripts/install-wrk.sh).
//   node apps/runtime-go/bench/bench.mjs
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseGenerator, drive, generatorHadRoom } from '@kubeless-ts/bench-kit';

const here = dirname(fileURLToPath(import.meta.url));
const apps = join(here, '..', '..');
const examples = join(apps, '..', 'examples');
const load = {
  connections: Number(process.env.CONNECTIONS ?? 50),
  duration: Number(process.env.DURATION ?? 8),
  generator: chooseGenerator('wrk'),
};

function runLoad(url, duration) {
  return drive(load.generator, { url, connections: load.connections, duration });
}

function formatResult(label, result) {
  const errors = result.errors ? `  (${result.errors} errors/non-2xx)` : '';
  return `${label.padEnd(28)} ${Math.round(result.rps).toString().padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  generator ${Math.round(result.busy * 100)}% of its core${errors}`;
}

/** The runtime's req/s over the bare server's, and whether the generator had room on the bare one. */
function compare(language, runtime, bare) {
  const room = generatorHadRoom(bare.busy);
  console.log(
    `  ${language}: runtime ÷ bare ${(runtime.rps / bare.rps).toFixed(2)}x; ${load.generator} at ${Math.round(bare.busy * 100)}% of its core on the bare server: ${room ? 'the ratio measures the servers' : 'the generator may have set the pace, so the ratio is a bound, not a measurement'}`,
  );
}
const work = mkdtempSync(join(tmpdir(), 'kubeless-runtimes-bench-'));

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function start(command, args, { cwd, env }) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      FUNC_PORT: String(port),
      FUNC_HOST: '127.0.0.1',
      ACCESS_LOG: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited early`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { child, url, coldStartMs: performance.now() - started };
}

async function measure(label, command, args, options) {
  const server = await start(command, args, options);
  try {
    await runLoad(server.url, 2);
    const result = await runLoad(server.url, load.duration);
    console.log(`${formatResult(label, result)}  cold start ${server.coldStartMs.toFixed(0)} ms`);
    return result;
  } finally {
    // The whole process group: php -S leaves its forked workers running when only its parent is told to stop.
    const exited = new Promise((resolve) =>
      server.child.exitCode !== null ? resolve() : server.child.once('exit', resolve),
    );
    process.kill(-server.child.pid, 'SIGTERM');
    await exited;
  }
}

try {
  const host = join(work, 'kubeless-worker-host');
  execFileSync('go', ['build', '-o', host, './cmd/kubeless-worker-host'], {
    cwd: join(apps, 'runtime-go', 'server'),
    stdio: 'inherit',
  });
  execFileSync('go', ['build', '-o', join(work, 'bare-go'), join(here, 'bare.go')], { stdio: 'inherit' });
  const goFn = join(work, 'go');
  execFileSync('mkdir', ['-p', goFn]);
  copyFileSync(join(examples, 'go', 'hello.go'), join(goFn, 'hello.go'));
  execFileSync('sh', [join(apps, 'runtime-go', 'compile', 'kubeless-go-compile.sh')], {
    env: {
      ...process.env,
      KUBELESS_INSTALL_VOLUME: goFn,
      KUBELESS_FUNC_NAME: 'Foo',
      KUBELESS_GO_RUNTIME: join(apps, 'runtime-go'),
      KUBELESS_GO_WORKDIR: join(work, 'go-build'),
    },
    stdio: 'ignore',
  });
  const javaRoot = join(work, 'java-runtime');
  execFileSync('sh', [join(apps, 'runtime-java', 'maven', 'build-runtime.sh'), javaRoot, join(apps, 'runtime-java')], {
    stdio: 'ignore',
  });
  const javaFn = join(work, 'java');
  execFileSync('mkdir', ['-p', javaFn]);
  copyFileSync(join(examples, 'java', 'Foo.java'), join(javaFn, 'Foo.java'));
  execFileSync('sh', [join(apps, 'runtime-java', 'compile', 'kubeless-java-compile.sh')], {
    env: { ...process.env, KUBELESS_INSTALL_VOLUME: javaFn, KUBELESS_JAVA_RUNTIME: javaRoot, TMPDIR: work },
    stdio: 'ignore',
  });
  // php -S closes every connection; without a Content-Length the body ends only at the close, which the generators never count.
  writeFileSync(join(work, 'bare.php'), "<?php header('Content-Length: 11'); echo 'hello world';\n");

  const fn = (volume, mod, handler) => ({
    cwd: volume,
    env: { KUBELESS_INSTALL_VOLUME: volume, MOD_NAME: mod, FUNC_HANDLER: handler },
  });
  const javaCommand = [
    'java',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-cp',
    `${join(javaRoot, 'kubeless-worker.jar')}:${join(javaRoot, 'kubeless-params.jar')}`,
    'io.kubeless.worker.Worker',
  ];
  console.log(
    `${load.generator}, ${load.connections} connections, ${load.duration} s per server after 2 s of warm-up; FUNC_WORKERS 4 (Java 2, as its image)`,
  );
  // The generator's own ceiling in this run: a bare node:http server in its own process.
  await measure(
    'node:http (bare)',
    process.execPath,
    [
      '-e',
      "require('node:http').createServer((q, s) => s.end('hello world')).listen(Number(process.env.PORT), '127.0.0.1')",
    ],
    { cwd: work, env: {} },
  );
  const go = await measure('go1.26 runtime', join(goFn, 'server'), [], fn(goFn, 'hello', 'Foo'));
  compare('Go', go, await measure('go net/http (bare)', join(work, 'bare-go'), [], { cwd: work, env: {} }));
  const ruby = await measure(
    'ruby3.1 runtime',
    host,
    ['ruby', join(apps, 'runtime-ruby', 'worker', 'kubeless_worker.rb')],
    fn(join(examples, 'ruby'), 'hello', 'hello'),
  );
  compare('Ruby', ruby, await measure('ruby WEBrick (bare)', 'ruby', [join(here, 'bare.rb')], { cwd: work, env: {} }));
  const php = await measure(
    'php8.2 runtime',
    host,
    ['php', join(apps, 'runtime-php', 'worker', 'kubeless-worker.php')],
    fn(join(examples, 'php'), 'hello', 'hello'),
  );
  const barePhp = await measure(
    'php -S, 4 workers (bare)',
    'sh',
    ['-c', `exec php -S 127.0.0.1:$PORT ${join(work, 'bare.php')} 2>/dev/null`],
    { cwd: work, env: { PHP_CLI_SERVER_WORKERS: '4' } },
  );
  compare('PHP', php, barePhp);
  const java = await measure('java17 runtime', host, javaCommand, {
    ...fn(javaFn, 'Foo', 'foo'),
    env: { ...fn(javaFn, 'Foo', 'foo').env, FUNC_WORKERS: '2' },
  });
  // nodelay: the JDK server writes head and body separately; without it each response waits for a delayed ACK.
  const bareJava = await measure(
    'java HttpServer (bare)',
    'java',
    ['-Dsun.net.httpserver.nodelay=true', join(here, 'Bare.java')],
    { cwd: work, env: {} },
  );
  compare('Java', java, bareJava);
} finally {
  rmSync(work, { recursive: true, force: true });
}
