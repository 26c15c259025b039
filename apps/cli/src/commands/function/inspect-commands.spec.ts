import { aFunction } from '@kubeless-ts/api/testing';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';
import { statsFromMetrics } from './function-top.js';

const METRICS = [
  '# HELP function_calls_total calls',
  '# TYPE function_calls_total counter',
  'function_calls_total{method="GET"} 4',
  'function_calls_total{method="POST"} 1',
  'function_failures_total{method="GET"} 1',
  'function_duration_seconds_bucket{method="GET",le="+Inf"} 4',
  'function_duration_seconds_sum{method="GET"} 2',
  'function_duration_seconds_count{method="GET"} 4',
  'function_duration_seconds_sum{method="POST"} 0.5',
].join('\n');

describe('function top', () => {
  it('sums per method', () => {
    expect(statsFromMetrics('f', 'ns', METRICS)).toEqual([
      {
        function: 'f',
        namespace: 'ns',
        method: 'GET',
        total_calls: 4,
        total_failures: 1,
        total_duration_seconds: 2,
        avg_duration_seconds: 0.5,
      },
      {
        function: 'f',
        namespace: 'ns',
        method: 'POST',
        total_calls: 1,
        total_failures: 0,
        total_duration_seconds: 0.5,
        avg_duration_seconds: 0.5,
      },
    ]);
  });

  it('reads /metrics through the proxy, and tells functions without metrics apart', async () => {
    const ports = fakePorts();
    for (const name of ['a', 'b', 'c']) {
      ports.cluster.functions.put(aFunction().named(name).build());
      ports.cluster.services.put({
        metadata: { name, namespace: 'default' },
        spec: { ports: [{ name: 'http-function-port', port: 8080 }] },
      });
    }
    ports.cluster.proxyAnswer = (request) => {
      if (request.service === 'a') return { status: 200, headers: {}, body: Buffer.from(METRICS) };
      if (request.service === 'b') return { status: 503, headers: {}, body: Buffer.from('no') };
      return { status: 200, headers: {}, body: Buffer.from('<html>') };
    };
    expect(await runCli(['function', 'top'], ports)).toBe(0);
    expect(ports.cluster.proxied[0]).toMatchObject({ port: 8080, path: '/metrics' });
    const lines = ports.out().split('\n');
    expect(lines[0]).toMatch(
      /^NAME +NAMESPACE +METHOD +TOTAL_CALLS +TOTAL_FAILURES +TOTAL_DURATION_SECONDS +AVG_DURATION_SECONDS +MESSAGE$/,
    );
    expect(lines[1]).toMatch(/^a +default +GET +4 +1 +2 +0.5$/);
    expect(ports.out()).toContain('Function does not expose metrics');
    expect(ports.out()).toContain('Unable to get function metrics');
  });

  it('-f selects one function, -o json uses the original keys', async () => {
    const ports = fakePorts();
    ports.cluster.functions.put(aFunction().named('a').build());
    ports.cluster.services.put({ metadata: { name: 'a', namespace: 'default' }, spec: { ports: [{ port: 8080 }] } });
    ports.cluster.proxyAnswer = () => ({ status: 200, headers: {}, body: Buffer.from('') });
    expect(await runCli(['function', 'top', '-f', 'a', '-o', 'json'], ports)).toBe(0);
    expect(JSON.parse(ports.out())).toEqual([{ function: 'a', namespace: 'default' }]);
  });
});

describe('function logs', () => {
  const pod = (name: string, ready: boolean) => ({
    metadata: { name, namespace: 'default', labels: { function: 'hello' } },
    status: { containerStatuses: [{ name: 'hello', ready, image: 'i', imageID: '', restartCount: 0 }] },
  });

  it('reads the function container of the first fully ready pod', async () => {
    const ports = fakePorts();
    ports.cluster.pods.put(pod('p1', false));
    ports.cluster.pods.put(pod('p2', true));
    expect(await runCli(['function', 'logs', 'hello'], ports)).toBe(0);
    expect(ports.cluster.logRequests[0]).toMatchObject({ pod: 'p2', container: 'hello', namespace: 'default' });
    expect(ports.out()).toBe('a log line\n');
  });

  it('-f streams', async () => {
    const ports = fakePorts();
    ports.cluster.pods.put(pod('p2', true));
    expect(await runCli(['function', 'logs', 'hello', '-f'], ports)).toBe(0);
    expect(ports.out()).toBe('a log line\n');
  });

  it('reads the previous run of a crash-looping function container, so the crash is visible', async () => {
    const ports = fakePorts();
    const crashed = (name: string, created: string) => ({
      metadata: { name, namespace: 'default', labels: { function: 'hello' }, creationTimestamp: created },
      status: {
        containerStatuses: [
          {
            name: 'hello',
            ready: false,
            image: 'i',
            imageID: '',
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1 } },
          },
        ],
      },
    });
    ports.cluster.pods.put(crashed('old', '2026-01-01T00:00:00Z'));
    ports.cluster.pods.put(crashed('new', '2026-01-02T00:00:00Z'));
    expect(await runCli(['function', 'logs', 'hello'], ports)).toBe(0);
    expect(ports.cluster.logRequests[0]).toMatchObject({ pod: 'new', container: 'hello', previous: true });
  });

  it('fails when no pod is ready', async () => {
    const ports = fakePorts();
    ports.cluster.pods.put(pod('p1', false));
    expect(await runCli(['function', 'logs', 'hello'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_NOT_READY: there is no pod ready for function hello (1 pod found)');
  });
});
