// Flags reaching the pod spec and the ways code gets in: env, labels,
// secrets, port, timeout, dependencies, URL and zip sources, and --wait.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment } from '@kubeless-ts/k8s';
import { describeRun, type CliRun } from '../harness/cli-run.js';
import { e2eSession } from '../harness/e2e-session.js';
import { serveFiles, type FileServer } from '../harness/file-server.js';
import { zipFiles } from '../harness/zip-archive.js';

const session = e2eSession();
const nodejs = (file: string) => join(session.examples, 'nodejs', file);
const python = (file: string) => join(session.examples, 'python', file);
let ns = '';
let files: FileServer | undefined;
const deployed = new Map<string, CliRun>();

/** Each function is deployed with --wait in parallel up front; the cases then check their own. */
function deployments(dir: string, url: (file: string) => string): Record<string, readonly string[]> {
  const zip = join(dir, 'hello.zip');
  zipFiles(zip, [nodejs('hello.js')]);
  const badDeps = join(dir, 'requirements.txt');
  return {
    'with-env': [
      '--runtime',
      'nodejs20',
      '--from-file',
      nodejs('hello.js'),
      '--handler',
      'hello.hello',
      '--env',
      'GREETING=hi',
      '--env',
      'TARGET:world',
      '--label',
      'team=e2e',
      '--label',
      'tier:edge',
      '--secrets',
      'e2e-credentials',
    ],
    'custom-port': [
      '--runtime',
      'nodejs20',
      '--from-file',
      nodejs('hello.js'),
      '--handler',
      'hello.hello',
      '--port',
      '8123',
    ],
    'slow-node': [
      '--runtime',
      'nodejs20',
      '--from-file',
      nodejs('timeout.js'),
      '--handler',
      'timeout.wait',
      '--timeout',
      '2',
    ],
    'slow-python': [
      '--runtime',
      'python3.11',
      '--from-file',
      python('timeout.py'),
      '--handler',
      'timeout.wait',
      '--timeout',
      '2',
    ],
    'deps-node': [
      '--runtime',
      'nodejs20',
      '--from-file',
      nodejs('with-deps/greet.js'),
      '--handler',
      'greet.greet',
      '--dependencies',
      nodejs('with-deps/package.json'),
    ],
    'deps-python': [
      '--runtime',
      'python3.11',
      '--from-file',
      python('with-deps/slug.py'),
      '--handler',
      'slug.slug',
      '--dependencies',
      python('with-deps/requirements.txt'),
    ],
    'from-url': ['--runtime', 'nodejs20', '--from-file', url('hello.js'), '--handler', 'hello.hello'],
    'from-zip': ['--runtime', 'nodejs20', '--from-file', zip, '--handler', 'hello.hello'],
    'broken-deps': [
      '--runtime',
      'python3.11',
      '--from-file',
      python('hello.py'),
      '--handler',
      'hello.hello',
      '--dependencies',
      badDeps,
    ],
  };
}

beforeAll(async () => {
  ns = await session.createNamespace('options');
  const clients = await session.clients();
  await clients.secrets.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'e2e-credentials', namespace: ns },
    stringData: { token: 's3cr3t' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'kubeless-e2e-'));
  writeFileSync(join(dir, 'requirements.txt'), 'kubeless-e2e-no-such-package==0.0.0\n');
  files = await serveFiles(
    [nodejs('hello.js')],
    session.target.hostAddress ?? process.env['E2E_HOST_ADDRESS'] ?? '127.0.0.1',
  );
  const all = deployments(dir, files.url);
  await Promise.all(
    Object.entries(all).map(async ([name, flags]) => {
      // Installs from the registries get room for a retry after a transient network error (restart backoff).
      const wait = name === 'broken-deps' ? '--wait=45s' : name.startsWith('deps-') ? '--wait=240s' : '--wait=150s';
      deployed.set(
        name,
        await session.kubeless(['function', 'deploy', name, ...flags, '-n', ns, wait], { timeoutMs: 260_000 }),
      );
    }),
  );
}, 280_000);
afterAll(async () => {
  await files?.close();
  await session.deleteNamespace(ns);
});

async function readyDeploy(name: string): Promise<CliRun> {
  const run = deployed.get(name);
  if (run === undefined || run.code !== 0)
    throw new Error(
      `deploy of ${name} failed: ${run === undefined ? 'not run' : describeRun(run)}\n--- pods\n${await session.podReport(name, ns)}`,
    );
  return run;
}

async function deploymentOf(name: string): Promise<Deployment> {
  return (await session.clients()).deployments.get(name, { namespace: ns });
}

it('puts env, labels and secrets on the pod spec', async () => {
  await readyDeploy('with-env');
  const deployment = await deploymentOf('with-env');
  const pod = deployment.spec?.template;
  const container = pod?.spec?.containers.find((c) => c.name === 'with-env');
  expect(container?.env).toEqual(
    expect.arrayContaining([
      { name: 'GREETING', value: 'hi' },
      { name: 'TARGET', value: 'world' },
    ]),
  );
  expect(deployment.metadata?.labels).toMatchObject({
    team: 'e2e',
    tier: 'edge',
    function: 'with-env',
    'created-by': 'kubeless',
  });
  expect(pod?.metadata?.labels).toMatchObject({ team: 'e2e', tier: 'edge' });
  const volume = pod?.spec?.volumes?.find((v) => v.secret?.secretName === 'e2e-credentials');
  expect(volume).toBeDefined();
  expect(container?.volumeMounts).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: volume?.name, mountPath: '/e2e-credentials' })]),
  );
});

it('listens on a custom --port and is reachable there', async () => {
  await readyDeploy('custom-port');
  const deployment = await deploymentOf('custom-port');
  const container = deployment.spec?.template.spec?.containers[0];
  expect(container?.ports?.[0]?.containerPort).toBe(8123);
  expect(container?.env).toEqual(expect.arrayContaining([{ name: 'FUNC_PORT', value: '8123' }]));
  const service = await (await session.clients()).services.get('custom-port', { namespace: ns });
  expect(service.spec?.ports?.[0]).toMatchObject({ port: 8123 });
  const call = await session.callUntil('custom-port', ns, (out) => out.includes('hello world'));
  expect(call.stdout.trim()).toBe('hello world');
});

it.each(['slow-node', 'slow-python'])(
  '%s: a call past --timeout 2 prints "Request timeout exceeded" and exits 1',
  async (name) => {
    await readyDeploy(name);
    const started = Date.now();
    const call = await session.kubeless(['function', 'call', name, '-n', ns], { timeoutMs: 60_000 });
    expect(call.stderr).toContain('Request timeout exceeded');
    expect(call.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
  },
);

it('installs npm dependencies from package.json', async () => {
  await readyDeploy('deps-node');
  const call = await session.callUntil('deps-node', ns, (out) => out.includes('hello-'), { data: 'Kubeless User' });
  expect(call.stdout.trim()).toBe('hello-kubeless-user');
});

it('installs PyPI dependencies from requirements.txt', async () => {
  await readyDeploy('deps-python');
  // Without a body the example slugifies its default; a form body reaches Python as bytes (as in Kubeless).
  const call = await session.callUntil('deps-python', ns, (out) => out.trim() !== '');
  expect(call.stdout.trim()).toBe('kubeless-user');
});

it('deploys code from a URL', async () => {
  await readyDeploy('from-url');
  const fn = await (await session.clients()).functions.get('from-url', { namespace: ns });
  expect(fn.spec.function).toMatch(/^http:\/\//);
  const call = await session.callUntil('from-url', ns, (out) => out.includes('hello world'));
  expect(call.stdout.trim()).toBe('hello world');
});

it('deploys code from a zip archive', async () => {
  await readyDeploy('from-zip');
  const fn = await (await session.clients()).functions.get('from-zip', { namespace: ns });
  expect(fn.spec['function-content-type']).toMatch(/zip/);
  const call = await session.callUntil('from-zip', ns, (out) => out.includes('hello world'));
  expect(call.stdout.trim()).toBe('hello world');
});

it('--wait fails with the Ready reason when the dependencies cannot install', async () => {
  const run = deployed.get('broken-deps');
  expect(run?.code).not.toBe(0);
  expect(run?.stderr).toMatch(/not ready after \d+ s: [A-Z][A-Za-z]+/);
  const fn = await (await session.clients()).functions.get('broken-deps', { namespace: ns });
  const ready = fn.status?.conditions?.find((c) => c.type === 'Ready');
  expect(ready?.status).toBe('False');
  expect(run?.stderr).toContain(ready?.reason ?? '<no reason>');
});
