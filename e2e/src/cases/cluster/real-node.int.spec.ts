// What only a real node shows: containers under containerd, the chart's own
// pods, calls through the apiserver's service proxy, `function top` and
// `function logs` through the kubelet, restricted pod security, and failures
// a user can act on in the Function's Ready condition and `function ls`.
// Runs with the node and cluster providers (the process host has no containers).
import { join } from 'node:path';
import { runKubectl, waitUntil } from '@kubeless-ts/testenv';
import { e2eSession } from '../../harness/e2e-session.js';

const session = e2eSession();
let ns = '';
const hello = () => join(session.examples, 'nodejs', 'hello.js');

beforeAll(async () => {
  ns = await session.createNamespace('node');
  await session.ok([
    'function',
    'deploy',
    'hello',
    '--runtime',
    'nodejs22',
    '--from-file',
    hello(),
    '--handler',
    'hello.hello',
    '-n',
    ns,
    '--wait=120s',
  ]);
}, 180_000);
afterAll(() => session.deleteNamespace(ns));

/** `function ls` until the line of `name` matches. */
async function listLineUntil(name: string, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  let line = '';
  await waitUntil(
    async () => {
      const list = await session.kubeless(['function', 'ls', '-n', ns]);
      line = list.stdout.split('\n').find((l) => l.trimStart().startsWith(`${name} `)) ?? '';
      return pattern.test(line);
    },
    { what: `function ls showing ${name} as ${pattern}`, timeoutMs, intervalMs: 1_000 },
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}; last line: ${line}\n${await session.podReport(name, ns)}`);
  });
  return line;
}

it('runs function pods as containers under containerd on a registered node', async () => {
  const wide = await runKubectl(session.target.kubeconfigPath, ['get', 'nodes', '-o', 'wide']);
  expect(wide.code).toBe(0);
  expect(wide.stdout).toMatch(/\sReady\s/);
  expect(wide.stdout).toMatch(/containerd:\/\//);
  const clients = await session.clients();
  const pods = await clients.pods.list({ namespace: ns, labelSelector: 'function=hello' });
  const statuses = pods.items.flatMap((p) => p.status?.containerStatuses ?? []);
  expect(statuses.length).toBeGreaterThan(0);
  for (const status of statuses) expect(status.containerID).toMatch(/^containerd:\/\//);
});

it("runs every controller and the kafka-consumer as the chart's pods under their own ServiceAccounts", async () => {
  const clients = await session.clients();
  const pods = (await clients.pods.list({ namespace: 'kubeless' })).items.filter((p) => p.status?.phase === 'Running');
  const accounts = new Set(pods.map((p) => p.spec?.serviceAccountName ?? ''));
  for (const app of [
    'function-controller',
    'http-trigger-controller',
    'cronjob-trigger-controller',
    'kafka-trigger-controller',
    'kafka-consumer',
  ]) {
    expect([...accounts].some((a) => a.endsWith(app))).toBe(true);
  }
  for (const pod of pods) expect(pod.status?.containerStatuses?.every((c) => c.ready)).toBe(true);
});

it('calls through the apiserver service proxy, and reads logs and metrics through the kubelet', async () => {
  const call = await session.callUntil('hello', ns, (out) => out.includes('hello world'));
  expect(call.stdout.trim()).toBe('hello world');
  const top = await session.ok(['function', 'top', '-f', 'hello', '-n', ns, '-o', 'json']);
  const stats = JSON.parse(top.stdout) as Record<string, unknown>[];
  // The runtime's /metrics, read through the apiserver's service proxy: the call above is counted.
  expect(
    stats.some(
      (row) => row['function'] === 'hello' && typeof row['total_calls'] === 'number' && row['total_calls'] > 0,
    ),
  ).toBe(true);
  const logs = await session.logsUntil('hello', ns, /\S/);
  expect(logs.length).toBeGreaterThan(0);
});

it('admits function pods in a namespace that enforces the restricted Pod Security Standard', async () => {
  const clients = await session.clients();
  const restricted = `${ns}-restricted`;
  await clients.namespaces.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: restricted,
      labels: { 'kubeless.io/e2e': 'true', 'pod-security.kubernetes.io/enforce': 'restricted' },
    },
  });
  try {
    await session.ok([
      'function',
      'deploy',
      'strict',
      '--runtime',
      'python3.11',
      '--from-file',
      join(session.examples, 'python', 'hello.py'),
      '--handler',
      'hello.hello',
      '-n',
      restricted,
      '--wait=120s',
    ]);
    const call = await session.callUntil('strict', restricted, (out) => out.includes('hello world'));
    expect(call.stdout.trim()).toBe('hello world');
  } finally {
    await session.deleteNamespace(restricted);
  }
});

it('says ImagePullFailed when the function image does not exist', async () => {
  await session.ok([
    'function',
    'deploy',
    'no-image',
    '--runtime-image',
    'kubeless-ts/does-not-exist:1',
    '--from-file',
    hello(),
    '--handler',
    'hello.hello',
    '-n',
    ns,
  ]);
  const line = await listLineUntil('no-image', /NOT READY \(ImagePullFailed\)/);
  expect(line).toContain('ImagePullFailed');
  const describe = await session.ok(['function', 'describe', 'no-image', '-n', ns]);
  expect(describe.stdout).toContain('kubeless-ts/does-not-exist:1');
});

it('says CrashLooping when the runtime cannot load the handler', async () => {
  await session.ok([
    'function',
    'deploy',
    'crashes',
    '--runtime',
    'nodejs22',
    '--from-file',
    hello(),
    '--handler',
    'hello.missing',
    '-n',
    ns,
  ]);
  const line = await listLineUntil('crashes', /NOT READY \((CrashLooping|ContainerCreateFailed)\)/, 180_000);
  expect(line).toMatch(/CrashLooping|ContainerCreateFailed/);
});

it('says Unschedulable when no node matches the function', async () => {
  await session.ok([
    'function',
    'deploy',
    'nowhere',
    '--runtime',
    'nodejs22',
    '--from-file',
    hello(),
    '--handler',
    'hello.hello',
    '--node-selectors',
    'kubeless.io/no-such-node=true',
    '-n',
    ns,
  ]);
  const line = await listLineUntil('nowhere', /NOT READY \(Unschedulable\)/);
  expect(line).toContain('Unschedulable');
});
