// `kubeless autoscale`: the HPA the function controller makes, with the right metric.
import { join } from 'node:path';
import type { HorizontalPodAutoscaler } from '@kubeless-ts/k8s';
import { waitUntil } from '@kubeless-ts/testenv';
import { e2eSession } from '../harness/e2e-session.js';

const session = e2eSession();
let ns = '';

beforeAll(async () => {
  ns = await session.createNamespace('autoscale');
  const hello = join(session.examples, 'nodejs', 'hello.js');
  await Promise.all(
    ['by-cpu', 'by-qps'].map((name) =>
      session.ok([
        'function',
        'deploy',
        name,
        '--runtime',
        'nodejs20',
        '--from-file',
        hello,
        '--handler',
        'hello.hello',
        '--cpu',
        '100m',
        '-n',
        ns,
      ]),
    ),
  );
}, 60_000);
afterAll(() => session.deleteNamespace(ns));

async function hpaOf(name: string): Promise<HorizontalPodAutoscaler> {
  const clients = await session.clients();
  let hpa: HorizontalPodAutoscaler | undefined;
  await waitUntil(
    async () => (hpa = await clients.horizontalPodAutoscalers.find(name, { namespace: ns })) !== undefined,
    { what: `HPA ${ns}/${name}`, timeoutMs: 30_000, intervalMs: 500 },
  );
  return hpa as HorizontalPodAutoscaler;
}

it('cpu: an HPA on the Deployment with average CPU utilization', async () => {
  await session.ok([
    'autoscale',
    'create',
    'by-cpu',
    '--min',
    '1',
    '--max',
    '3',
    '--metric',
    'cpu',
    '--value',
    '70',
    '-n',
    ns,
  ]);
  const hpa = await hpaOf('by-cpu');
  expect(hpa.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'by-cpu' });
  expect(hpa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
  expect(hpa.spec?.metrics?.[0]).toMatchObject({
    type: 'Resource',
    resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
  });
  expect((await session.ok(['autoscale', 'list', '-n', ns])).stdout).toContain('by-cpu');
});

it('qps: an HPA on the function_calls rate of the Service', async () => {
  await session.ok([
    'autoscale',
    'create',
    'by-qps',
    '--min',
    '1',
    '--max',
    '5',
    '--metric',
    'qps',
    '--value',
    '10',
    '-n',
    ns,
  ]);
  const hpa = await hpaOf('by-qps');
  const metric = hpa.spec?.metrics?.[0];
  expect(metric?.type).toBe('Object');
  expect(metric?.object?.describedObject).toMatchObject({ kind: 'Service', name: 'by-qps' });
  expect(metric?.object?.metric.name).toMatch(/function_calls/);
});

it('deletes the autoscaler and the HPA goes away', async () => {
  await session.ok(['autoscale', 'delete', 'by-cpu', '-n', ns]);
  const clients = await session.clients();
  await waitUntil(
    async () => (await clients.horizontalPodAutoscalers.find('by-cpu', { namespace: ns })) === undefined,
    { what: 'HPA by-cpu gone', timeoutMs: 30_000, intervalMs: 500 },
  );
});
