// enable-build-step on the real node (node provider only: it needs a registry the
// node pulls from, the node's own 10.231.0.1:<port>). The function controller of the
// chart builds each function's image in a restricted Job (prepare + install init
// containers, then the function-image-builder appends /kubeless to the runtime image
// and pushes it), and the Deployment runs that image with no init container.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubelessFunction } from '@kubeless-ts/api';
import { waitUntil } from '@kubeless-ts/testenv';
import { e2eSession } from '../../harness/e2e-session.js';

const session = e2eSession();
const KUBELESS_NS = 'kubeless';
const BUILD_KEYS = [
  'enable-build-step',
  'function-registry',
  'function-registry-tls-verify',
  'builder-registry-mirrors',
] as const;
const BUILD_TIMEOUT_MS = 240_000;
let ns = '';
let registry = '';
const work = mkdtempSync(join(tmpdir(), 'kubeless-e2e-build-'));
const example = (file: string) => join(session.examples, 'nodejs', 'with-deps', file);

async function functionOf(name: string): Promise<KubelessFunction> {
  return (await session.clients()).functions.get(name, { namespace: ns });
}

const conditionOf = (fn: KubelessFunction, type: string) =>
  fn.status?.conditions?.find((condition) => condition.type === type);

/** Until the Function's conditions satisfy `accept`; the failure names what they were and the build Jobs' state. */
async function functionUntil(
  name: string,
  what: string,
  accept: (fn: KubelessFunction) => boolean,
): Promise<KubelessFunction> {
  let last: KubelessFunction | undefined;
  await waitUntil(
    async () => {
      last = await functionOf(name);
      return accept(last);
    },
    { what: `${name}: ${what}`, timeoutMs: BUILD_TIMEOUT_MS, intervalMs: 2_000 },
  ).catch(async (error: unknown) => {
    const jobs = (await (await session.clients()).jobs.list({ namespace: ns })).items.map(
      (job) => `${job.metadata?.name ?? ''} ${JSON.stringify(job.status?.conditions ?? [])}`,
    );
    throw new Error(
      `${String(error)}; conditions: ${JSON.stringify(last?.status?.conditions ?? [])}; jobs: ${jobs.join('; ')}\n${await session.podReport(name, ns)}`,
    );
  });
  return last as KubelessFunction;
}

async function buildJobs(name: string): Promise<string[]> {
  const clients = await session.clients();
  return (await clients.jobs.list({ namespace: ns, labelSelector: `kubeless.io/function-build=${name}` })).items.map(
    (job) => job.metadata?.name ?? '',
  );
}

beforeAll(async () => {
  if (session.target.registry === undefined)
    throw new Error("the build-step case needs the node provider's registry (e2e target field `registry`)");
  registry = session.target.registry;
  const clients = await session.clients();
  await clients.configMaps.patch(
    'kubeless-config',
    {
      type: 'merge',
      patch: {
        data: {
          'enable-build-step': 'true',
          'function-registry': `${registry}/functions`,
          'function-registry-tls-verify': 'false',
          'builder-registry-mirrors': `docker.io=${registry}`,
        },
      },
    },
    { namespace: KUBELESS_NS },
  );
  ns = await session.createNamespace('build');
  // The build pods must be admitted under the restricted standard, as function pods are.
  await clients.namespaces.patch(ns, {
    type: 'merge',
    patch: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  });
}, 60_000);

afterAll(async () => {
  const clients = await session.clients();
  const removed = Object.fromEntries(BUILD_KEYS.map((key) => [key, null]));
  await clients.configMaps.patch(
    'kubeless-config',
    { type: 'merge', patch: { data: { ...removed, 'enable-build-step': 'false' } } },
    { namespace: KUBELESS_NS },
  );
  await session.deleteNamespace(ns);
});

it('builds a Node.js function with dependencies into an image in the node registry, runs it without init containers and answers', async () => {
  await session.ok([
    'function',
    'deploy',
    'greet',
    '--runtime',
    'nodejs22',
    '--from-file',
    example('greet.js'),
    '--handler',
    'greet.greet',
    '--dependencies',
    example('package.json'),
    '-n',
    ns,
  ]);
  const fn = await functionUntil(
    'greet',
    'Built=True and Ready=True',
    (current) => conditionOf(current, 'Built')?.status === 'True' && conditionOf(current, 'Ready')?.status === 'True',
  );
  const image = conditionOf(fn, 'Built')?.message ?? '';
  expect(image).toMatch(new RegExp(`^${registry.replace(/\./g, '\\.')}/functions/greet:[0-9a-f]{20}$`));
  const clients = await session.clients();
  const deployment = await clients.deployments.get('greet', { namespace: ns });
  expect(deployment.spec?.template.spec?.containers[0]?.image).toBe(image);
  expect(deployment.spec?.template.spec?.initContainers ?? []).toEqual([]);
  // The pod runs the pushed image: the kubelet pulled it from the node registry.
  const pods = (await clients.pods.list({ namespace: ns, labelSelector: 'function=greet' })).items;
  expect(
    pods
      .flatMap((pod) => pod.status?.containerStatuses ?? [])
      .some((status) => status.image.endsWith(image.slice(image.indexOf('/'))) && status.ready),
  ).toBe(true);
  const call = await session.callUntil('greet', ns, (out) => out.includes('hello-'), { data: 'Build Step' });
  expect(call.stdout.trim()).toBe('hello-build-step');
  // The finished build Job and its pod are gone.
  await waitUntil(async () => (await buildJobs('greet')).length === 0, {
    what: 'the build Job of greet deleted',
    timeoutMs: 60_000,
  });
  await waitUntil(
    async () =>
      (await clients.pods.list({ namespace: ns, labelSelector: 'kubeless.io/function-build=greet' })).items.length ===
      0,
    { what: 'the build pod of greet deleted', timeoutMs: 60_000 },
  );
});

it('builds a Python function with dependencies the same way (pip installs into the image, not the pod)', async () => {
  const python = (file: string) => join(session.examples, 'python', 'with-deps', file);
  await session.ok([
    'function',
    'deploy',
    'slug',
    '--runtime',
    'python3.11',
    '--from-file',
    python('slug.py'),
    '--handler',
    'slug.slug',
    '--dependencies',
    python('requirements.txt'),
    '-n',
    ns,
  ]);
  const fn = await functionUntil(
    'slug',
    'Built=True and Ready=True',
    (current) => conditionOf(current, 'Built')?.status === 'True' && conditionOf(current, 'Ready')?.status === 'True',
  );
  const deployment = await (await session.clients()).deployments.get('slug', { namespace: ns });
  expect(deployment.spec?.template.spec?.containers[0]?.image).toBe(conditionOf(fn, 'Built')?.message);
  expect(deployment.spec?.template.spec?.initContainers ?? []).toEqual([]);
  const call = await session.callUntil('slug', ns, (out) => out.includes('hello-python'), { data: 'Hello Python' });
  expect(call.stdout.trim()).toBe('hello-python');
});

it('reuses the image for unchanged content and rebuilds and rolls out a code change', async () => {
  const before = conditionOf(await functionOf('greet'), 'Built')?.message ?? '';
  await session.ok(['function', 'update', 'greet', '--timeout', '90', '-n', ns]);
  const unchanged = await functionUntil(
    'greet',
    'observed the timeout change',
    (current) =>
      conditionOf(current, 'Ready')?.observedGeneration === current.metadata.generation &&
      conditionOf(current, 'Ready')?.status === 'True',
  );
  expect(conditionOf(unchanged, 'Built')?.message).toBe(before);
  expect(await buildJobs('greet')).toEqual([]);

  const changed = join(work, 'greet.js');
  writeFileSync(
    changed,
    "const { kebabCase } = require('lodash');\nmodule.exports = { greet: (event) => `v2-${kebabCase(String(event.data || 'x'))}` };\n",
  );
  await session.ok(['function', 'update', 'greet', '--from-file', changed, '-n', ns]);
  const rebuilt = await functionUntil(
    'greet',
    'a new image built',
    (current) => conditionOf(current, 'Built')?.status === 'True' && conditionOf(current, 'Built')?.message !== before,
  );
  expect(conditionOf(rebuilt, 'Built')?.message).toMatch(/\/functions\/greet:[0-9a-f]{20}$/);
  const call = await session.callUntil('greet', ns, (out) => out.startsWith('v2-'), {
    data: 'Again',
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  expect(call.stdout.trim()).toBe('v2-again');
});

it('ends a bad dependency in Ready=False BuildFailed with the install log tail, shown by function ls', async () => {
  const deps = join(work, 'package.json');
  writeFileSync(
    deps,
    JSON.stringify({ name: 'bad', version: '1.0.0', dependencies: { 'kubeless-ts-no-such-package-e2e': '9.9.9' } }),
  );
  await session.ok([
    'function',
    'deploy',
    'bad',
    '--runtime',
    'nodejs22',
    '--from-file',
    example('greet.js'),
    '--handler',
    'greet.greet',
    '--dependencies',
    deps,
    '-n',
    ns,
  ]);
  const fn = await functionUntil(
    'bad',
    'Ready=False BuildFailed',
    (current) => conditionOf(current, 'Ready')?.reason === 'BuildFailed',
  );
  const message = conditionOf(fn, 'Ready')?.message ?? '';
  expect(message).toContain('container install exited with');
  expect(message).toMatch(/404|E404|not found/i);
  const list = await session.ok(['function', 'ls', '-n', ns]);
  expect(list.stdout.split('\n').find((line) => line.trimStart().startsWith('bad '))).toContain('BuildFailed');
  await waitUntil(async () => (await buildJobs('bad')).length === 0, {
    what: 'the failed build Job deleted',
    timeoutMs: 60_000,
  });
});
