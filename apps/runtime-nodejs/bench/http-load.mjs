// A small closed-loop HTTP load generator: `concurrency` keep-alive connections each
// send requests back to back until `requests` have been sent or `maxSeconds` passed.
// Used by both runtime benchmarks (the Python one imports it too).
import { Agent, request as httpRequest } from 'node:http';

function once(agent, url, { method, body, headers }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, method, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    // A stuck request must not stretch the run past its time bound.
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * @returns {Promise<{ requests: number, errors: number, seconds: number, rps: number, p50ms: number, p99ms: number }>}
 */
export async function runLoad({ url, requests = 20_000, concurrency = 50, maxSeconds = 20, method = 'GET', body, headers = {} }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let started = 0;
  let errors = 0;
  const begin = process.hrtime.bigint();
  const deadline = begin + BigInt(Math.round(maxSeconds * 1e9));
  const loop = async () => {
    while (started < requests && process.hrtime.bigint() < deadline) {
      started++;
      const t0 = process.hrtime.bigint();
      try {
        const status = await once(agent, url, { method, body, headers });
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99) };
}

export function formatResult(label, result) {
  return `${label.padEnd(28)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50ms.toFixed(2)} ms  p99 ${result.p99ms.toFixed(2)} ms  (${result.requests} requests, ${result.errors} errors, ${result.seconds.toFixed(1)} s)`;
}
