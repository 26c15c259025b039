// The workspace's HTTP bench kit, shared by the runtime benchmarks (Node.js, Python) and used
// for machine() by the others: start a server, drive it with
// autocannon or wrk (load-generator.mjs), and read its CPU time and memory (RSS of the process and its children,
// e.g. the Python runtime's worker process) from /proc. Linux only, like the dev machine.
// Servers' stderr is dropped (the generator's hang-ups at the end make http.server print
// tracebacks); BENCH_SERVER_STDERR=1 shows it.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { chooseGenerator, drive, generatorHadRoom } from './load-generator.mjs';
import { processCpuMs } from './process-cpu.mjs';

/** `generator` is the bench's default load generator; BENCH_GENERATOR overrides it. */
export function loadSettings(env = process.env, generator = 'autocannon') {
  return {
    generator: chooseGenerator(generator, env),
    connections: Number(env.CONNECTIONS ?? 50),
    duration: Number(env.DURATION ?? 8),
    warmup: Number(env.WARMUP ?? 2),
    rounds: Number(env.ROUNDS ?? 3),
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Every server once per round, rounds one after the other, so that a burst of other work
 * on the shared machine hits one round of each server rather than all rounds of one.
 * Returns the median and the best round of each server (by req/s) and the per-round
 * ratios of `label` to `baseline` (each from servers measured minutes apart at most).
 */
export async function compareInRounds(servers, settings, { label, baseline }, print = console.log) {
  const rows = new Map(servers.map((server) => [server.label, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const server of servers) {
      const row = await measure(server.label, server.command, server.args, server.options, settings);
      rows.get(server.label).push(row);
      print(`round ${round}: ${formatRow(row)}`);
    }
  }
  const medians = new Map(
    [...rows].map(([name, list]) => [name, [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)]]),
  );
  const best = new Map([...rows].map(([name, list]) => [name, [...list].sort((a, b) => b.rps - a.rps)[0]]));
  const sut = rows.get(label);
  const base = rows.get(baseline);
  const ratios = sut.map((row, i) => row.rps / base[i].rps);
  const p99s = sut.map((row, i) => row.p99 / Math.max(base[i].p99, 1));
  const cpus = sut.map((row, i) => row.cpuUsPerRequest / base[i].cpuUsPerRequest);
  return { medians, best, ratio: median(ratios), ratios, p99: median(p99s), cpu: median(cpus), cpus };
}

export function machine() {
  const [one, five] = loadavg();
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: `${one.toFixed(1)} (1 min), ${five.toFixed(1)} (5 min)`,
  };
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function children() {
  const byParent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  return byParent;
}

function tree(pid) {
  const byParent = children();
  const all = [];
  const walk = (p) => {
    all.push(p);
    for (const child of byParent.get(p) ?? []) walk(child);
  };
  walk(pid);
  return all;
}

/** Resident memory of the process and all its descendants, in MiB. */
export function rssMiB(pid) {
  let kib = 0;
  for (const p of tree(pid)) {
    try {
      const line = readFileSync(`/proc/${p}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
      kib += Number(line?.split(/\s+/)[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kib / 1024;
}

/** User + system CPU time of the process and its live descendants, in ms. */
function cpuMs(pid) {
  let total = 0;
  for (const p of tree(pid)) total += processCpuMs(p);
  return total;
}

/** Starts `command` with PORT/FUNC_PORT set; resolves once `readyPath` answers 200. */
export async function startServer(command, args, { cwd, env = {}, readyPath = '/' } = {}) {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), FUNC_PORT: String(port), FUNC_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', process.env.BENCH_SERVER_STDERR === '1' ? 'inherit' : 'ignore'],
  });
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited early`);
    try {
      if ((await fetch(`${base}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error(`${command} did not become ready`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, url: `${base}/`, stop };
}

/**
 * Warm-up, then one measured run of the load generator. Returns req/s, latency, errors, the
 * server's CPU time per request and its share of a core, the generator's share of its core,
 * and the server's RSS idle (before any load) and under load (peak).
 */
export async function measure(label, command, args, options, settings = loadSettings()) {
  const server = await startServer(command, args, options);
  try {
    const rssIdle = rssMiB(server.child.pid);
    const load = { url: server.url, connections: settings.connections };
    await drive(settings.generator, { ...load, duration: settings.warmup });
    let rssLoad = 0;
    const sampler = setInterval(() => (rssLoad = Math.max(rssLoad, rssMiB(server.child.pid))), 500);
    const cpuBefore = cpuMs(server.child.pid);
    const started = performance.now();
    const result = await drive(settings.generator, { ...load, duration: settings.duration });
    const cpu = cpuMs(server.child.pid) - cpuBefore;
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    rssLoad = Math.max(rssLoad, rssMiB(server.child.pid));
    return {
      label,
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      errors: result.errors,
      cpuUsPerRequest: result.total > 0 ? (cpu * 1000) / result.total : NaN,
      // Share of one core the server's processes used while measured: a single-threaded
      // server well below 100% was waiting for requests, not working at its limit.
      busy: cpu / wallMs,
      // The same for the generator: near 100% it was the limit, whatever the server could do.
      generatorBusy: result.busy,
      rssIdle,
      rssLoad,
    };
  } finally {
    await server.stop();
  }
}

export function formatRatios(ratios) {
  return ratios.map((ratio) => `${ratio.toFixed(2)}x`).join(', ');
}

export function formatRow(row) {
  const errors = row.errors ? `  (${row.errors} errors/non-2xx)` : '';
  return `${row.label.padEnd(40)} ${Math.round(row.rps).toString().padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  CPU ${row.cpuUsPerRequest.toFixed(0)} µs/req, ${percent(row.busy)} of a core (generator ${percent(row.generatorBusy)})  RSS ${row.rssIdle.toFixed(0)} MiB idle, ${row.rssLoad.toFixed(0)} MiB under load${errors}`;
}

const percent = (share) => `${Math.round(share * 100)}%`;

export function markdownRow(row, ratio = '') {
  return `| ${row.label} | ${Math.round(row.rps).toLocaleString('en-US')} | ${row.p50} / ${row.p99} ms | ${row.cpuUsPerRequest.toFixed(0)} µs | ${percent(row.busy)} | ${percent(row.generatorBusy)} | ${row.rssIdle.toFixed(0)} / ${row.rssLoad.toFixed(0)} MiB | ${ratio} |`;
}

export const markdownHeader = [
  '| server | req/s | p50 / p99 | CPU per request | CPU busy (one core = 100%) | generator busy | RSS idle / under load | ratio |',
  '|---|---|---|---|---|---|---|---|',
];

/**
 * Whether the req/s ratio measures the servers. It does only when the baseline works at its
 * limit (its core busy) and the generator does not: either the generator had a core to spare
 * while driving the baseline, or its ceiling (the best round of the minimal server, the most it
 * drove in this run) is well above the baseline. Otherwise both servers answered what the
 * generator managed to send, and a req/s ratio near 1x says little; with the generator free but
 * the baseline's core idle, other work on the machine held the baseline back. CPU per request
 * then compares the servers, and `cpuRatio` (system under test ÷ baseline) gives the req/s
 * ratio they would reach if both were CPU-bound on the same CPU (1 ÷ cpuRatio).
 */
export function headroom(ceiling, baseline, cpuRatio, generator = 'autocannon') {
  const times = ceiling.rps / baseline.rps;
  const spare = generatorHadRoom(baseline.generatorBusy);
  const facts = `${generator} at ${percent(baseline.generatorBusy)} of its core while driving the baseline, its ceiling (best round) ${times.toFixed(2)}x the baseline, the baseline at ${percent(baseline.busy)} of a core`;
  const bound =
    cpuRatio === undefined
      ? 'CPU per request compares the servers themselves'
      : `CPU per request compares the servers themselves: ${cpuRatio.toFixed(2)}x the baseline's, i.e. about ${(1 / cpuRatio).toFixed(2)}x its req/s if both were CPU-bound on the same CPU`;
  if ((times >= 2 || spare) && baseline.busy >= 0.9)
    return `${facts}: the req/s ratio measures the servers, not the generator`;
  if (times >= 2 || spare)
    return `${facts}: the generator had room, yet other work on the machine held the baseline back, so the req/s ratio is only as fair as that work was even across the rounds; ${bound}`;
  return `${facts} (the generator shares the 2 CPUs with the server): the baseline is limited by the generator, not by itself, so the req/s ratio is an upper bound, not a throughput ratio; ${bound}`;
}

/**
 * Memory under a long load (SOAK_SECONDS): RSS of the server's processes sampled every
 * `every` seconds while the load generator keeps it busy. A series that levels off is bounded.
 */
export async function soak(server, settings, seconds, every = 30, print = console.log) {
  const running = await startServer(server.command, server.args, server.options);
  try {
    const samples = [{ at: 0, rss: rssMiB(running.child.pid) }];
    const started = performance.now();
    const sampler = setInterval(
      () => samples.push({ at: Math.round((performance.now() - started) / 1000), rss: rssMiB(running.child.pid) }),
      every * 1000,
    );
    const result = await drive(settings.generator, {
      url: running.url,
      connections: settings.connections,
      duration: seconds,
    });
    clearInterval(sampler);
    samples.push({ at: seconds, rss: rssMiB(running.child.pid) });
    const series = samples.map((sample) => `${sample.at} s ${sample.rss.toFixed(0)}`).join(', ');
    print(
      `soak ${server.label}: ${Math.round(result.rps)} req/s for ${seconds} s, ${result.errors} errors; RSS MiB: ${series}`,
    );
    return { series, requests: result.total };
  } finally {
    await running.stop();
  }
}
