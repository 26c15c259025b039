import { describe, expect, it } from '@jest/globals';
import { chooseGenerator, parseWrk } from './load-generator.mjs';
import { headroom } from './http-bench.mjs';

// What wrk 4.1 prints for `wrk -t1 -c50 -d5s --latency`.
const WRK_OUTPUT = `Running 5s test @ http://127.0.0.1:18081/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    11.23ms   27.27ms 267.98ms   93.43%
    Req/Sec    11.07k     5.89k   18.44k    66.00%
  Latency Distribution
     50%  340.00us
     75%    6.24ms
     90%   19.52ms
     99%    1.65s
  55155 requests in 5.08s, 10.89MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:  10855.33
Transfer/sec:      2.14MB
`;

describe('parseWrk', () => {
  it('reads req/s, the total, p50 and p99 in ms whatever unit wrk chose, and every failed request', () => {
    expect(parseWrk(WRK_OUTPUT)).toEqual({ rps: 10855.33, total: 55155, p50: 0.34, p99: 1650, errors: 12 });
  });

  it('counts no errors when wrk reports none', () => {
    const clean = WRK_OUTPUT.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
    expect(parseWrk(clean).errors).toBe(0);
  });

  it('refuses output it does not understand instead of reporting zeros', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/unexpected wrk output/);
    expect(() => parseWrk(WRK_OUTPUT.replace(/ +99%.*\n/, ''))).toThrow(/no 99% latency/);
  });
});

describe('chooseGenerator', () => {
  it("takes BENCH_GENERATOR over the bench's default and refuses unknown names", () => {
    expect(chooseGenerator('wrk', { BENCH_GENERATOR: 'autocannon' })).toBe('autocannon');
    expect(chooseGenerator('autocannon', {})).toBe('autocannon');
    expect(() => chooseGenerator('autocannon', { BENCH_GENERATOR: 'ab' })).toThrow(/use one of autocannon, wrk/);
  });
});

describe('headroom', () => {
  const row = (rps, busy, generatorBusy) => ({ rps, busy, generatorBusy });

  it('accepts the ratio when the generator had a core to spare and the baseline was at its limit', () => {
    expect(headroom(row(40_000, 1, 0.5), row(38_000, 0.97, 0.6), 1.3, 'wrk')).toMatch(
      /measures the servers, not the generator$/,
    );
  });

  it('accepts it on a far ceiling even when the generator was busy', () => {
    expect(headroom(row(40_000, 1, 1), row(10_000, 0.95, 0.95), 1.3)).toMatch(/measures the servers/);
  });

  it('calls the ratio an upper bound when the generator was the limit', () => {
    expect(headroom(row(12_000, 1, 1), row(10_000, 0.8, 0.99), 1.6)).toMatch(
      /upper bound.*1\.60x the baseline's, i\.e\. about 0\.63x its req\/s/,
    );
  });

  it('says when other work, not the generator, held the baseline back', () => {
    expect(headroom(row(12_000, 1, 0.5), row(10_000, 0.6, 0.5), 1.2)).toMatch(/other work on the machine/);
  });
});
