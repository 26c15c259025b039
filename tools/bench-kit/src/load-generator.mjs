// The HTTP load generators the benches drive servers with, behind one call. autocannon is the
// default; wrk (C, one epoll thread) is the one to use when autocannon cannot drive the baseline
// to its limit: on the 2-core dev machine autocannon tops out near a bare node:http server, so
// the Node.js runtime's req/s ratio against that server measured autocannon, not the servers.
// Each run also reports how busy the generator itself was, which is how a bench shows that the
// generator was not the bottleneck.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { processCpuMs } from './process-cpu.mjs';

export const GENERATORS = ['autocannon', 'wrk'];

// Above this share of its core the generator is taken to be at its own limit.
const GENERATOR_BUSY_LIMIT = 0.85;

/** Whether a run's generator (its `busy` share of a core) had room: then the server set the pace. */
export function generatorHadRoom(busy) {
  return busy <= GENERATOR_BUSY_LIMIT;
}

/** The generator a bench uses: BENCH_GENERATOR, else the bench's own default. */
export function chooseGenerator(preferred = 'autocannon', env = process.env) {
  const name = env.BENCH_GENERATOR ?? preferred;
  if (!GENERATORS.includes(name)) throw new Error(`BENCH_GENERATOR=${name}: use one of ${GENERATORS.join(', ')}`);
  if (name === 'wrk' && spawnSync('wrk', ['--version']).error !== undefined)
    throw new Error(
      'wrk is not installed: run `bash tools/bench-kit/scripts/install-wrk.sh` (Debian package), or BENCH_GENERATOR=autocannon',
    );
  return name;
}

/**
 * One run of `duration` seconds against `url`. Returns req/s, p50/p99 in ms, failed requests
 * (errors, timeouts, non-2xx), the total, and `busy`: the generator's CPU time over the wall
 * time, as a share of the one core it can use (autocannon runs on this process's event loop,
 * wrk here with one thread).
 */
export function drive(generator, { url, connections, duration }) {
  return generator === 'wrk' ? driveWrk(url, connections, duration) : driveAutocannon(url, connections, duration);
}

async function driveAutocannon(url, connections, duration) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({ url, connections, duration });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
    busy: (cpu.user + cpu.system) / 1000 / (performance.now() - started),
  };
}

// wrk's CPU time is read from /proc while it runs (a finished process has none to read); the
// last reading, scaled to the whole run, misses at most one interval.
const SAMPLE_MS = 100;

async function driveWrk(url, connections, duration) {
  const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = performance.now();
  let lastCpuMs = 0;
  let lastAt = started;
  const sampler = setInterval(() => {
    const cpu = processCpuMs(child.pid);
    if (cpu > 0) [lastCpuMs, lastAt] = [cpu, performance.now()];
  }, SAMPLE_MS);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  }).finally(() => clearInterval(sampler));
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${err.trim() || out.trim()}`);
  return { ...parseWrk(out), busy: lastCpuMs / Math.max(lastAt - started, 1) };
}

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function latencyMs(text, percentile) {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
  if (match === null) throw new Error(`wrk printed no ${percentile}% latency:\n${text}`);
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Reads what `wrk --latency` prints: requests, req/s, the latency distribution, errors. */
export function parseWrk(text) {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  const total = /^\s*(\d+) requests in /m.exec(text);
  if (rps === null || total === null) throw new Error(`unexpected wrk output:\n${text}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const errors =
    (socket === null ? 0 : socket.slice(1).reduce((sum, n) => sum + Number(n), 0)) +
    (non2xx === null ? 0 : Number(non2xx[1]));
  // Round to what autocannon reports (whole ms above 1 ms) so the two read alike in tables.
  const round = (ms) => (ms >= 1 ? Math.round(ms) : Number(ms.toFixed(2)));
  return {
    rps: Number(rps[1]),
    p50: round(latencyMs(text, 50)),
    p99: round(latencyMs(text, 99)),
    errors,
    total: Number(total[1]),
  };
}
