import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import type { Server } from 'node:http';
import { expandKubernetes } from '../test/kubernetes-expansion.js';
import { fakeFunction, runJobContainer as runContainer, type PodMetadata } from '../test/job-container.js';
import { desiredCronJob } from './desired-cronjob.js';
import { escapeKubernetesExpansion, functionPort, functionTimeoutSeconds } from './job-command.js';

/** A pod the Job controller made for run `tick-29000000` of CronJob `tick`: every retry has its own uid, the same job labels. */
const attemptPod = (uid: string): PodMetadata => ({
  name: `tick-29000000-${uid}`,
  namespace: 'ns',
  uid,
  labels: {
    'batch.kubernetes.io/job-name': 'tick-29000000',
    'job-name': 'tick-29000000',
    'batch.kubernetes.io/controller-uid': 'job-uid-1',
  },
});

/** Runs the Job's container command the way the kubelet would: env resolved, $(VAR) expanded. */
async function runJobContainer(
  payload: unknown,
  port: number,
  pod: PodMetadata = attemptPod('pod-uid-1'),
): Promise<{ code: number | null; stderr: string }> {
  const trigger = aCronJobTrigger().named('tick').inNamespace('ns').forFunction('hello').withPayload(payload).build();
  const desired = desiredCronJob({
    trigger,
    fn: aFunction().named('hello').inNamespace('ns').withTimeout('5').build(),
    config: {
      provisionImage: 'img',
      provisionImageSecret: '',
      functionUrlTemplate: `http://127.0.0.1:${port}/{namespace}/{name}`,
    },
  });
  if (desired.kind !== 'cronjob') throw new Error(desired.message);
  return runContainer(desired.cronJob.spec?.jobTemplate.spec?.template.spec?.containers[0], pod);
}

describe('the Job container command, run with a real sh and curl', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  async function call(status: number, payload: unknown) {
    const fn = await fakeFunction(status);
    servers.push(fn.server);
    return { ...(await runJobContainer(payload, fn.port)), received: fn.received };
  }

  it('POSTs the payload byte for byte with the Kubeless event headers', async () => {
    // Shell and Kubernetes metacharacters a naive command string would mangle or execute.
    const payload = { text: 'it\'s $(whoami) `id` $$HOME; rm -rf / "quoted"', n: 1, nested: ['@file', null] };
    const { code, received, stderr } = await call(200, payload);
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/ns/hello');
    expect(JSON.parse(request?.body ?? '')).toEqual(payload);
    expect(request?.headers).toMatchObject({
      'event-id': 'ns/tick-29000000',
      'event-namespace': 'cronjobtrigger.kubeless.io',
      'event-type': 'application/json',
      'content-type': 'application/json',
    });
    expect(request?.headers['event-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(stderr).toContain('answered HTTP 200');
  });

  it('sends the same Event-Id from every retry of one scheduled run, and another for the next run', async () => {
    const fn = await fakeFunction(500);
    servers.push(fn.server);
    await runJobContainer({ a: 1 }, fn.port, attemptPod('pod-uid-1'));
    await runJobContainer({ a: 1 }, fn.port, attemptPod('pod-uid-2'));
    const nextRun = {
      ...attemptPod('pod-uid-3'),
      labels: { 'batch.kubernetes.io/job-name': 'tick-29000001', 'job-name': 'tick-29000001' },
    };
    await runJobContainer({ a: 1 }, fn.port, nextRun);
    expect(fn.received.map((request) => request.headers['event-id'])).toEqual([
      'ns/tick-29000000',
      'ns/tick-29000000',
      'ns/tick-29000001',
    ]);
  });

  it('sends a GET without a body when there is no payload', async () => {
    const { code, received } = await call(204, undefined);
    expect(code).toBe(0);
    expect(received[0]).toMatchObject({ method: 'GET', body: '' });
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it.each([500, 404, 302])('fails the Job when the function answers %i', async (status) => {
    const { code, stderr } = await call(status, { a: 1 });
    expect(code).toBe(1);
    expect(stderr).toContain(`answered HTTP ${status}`);
  });

  it('fails the Job when the function cannot be reached', async () => {
    const fn = await fakeFunction(200);
    await new Promise((resolve) => fn.server.close(resolve));
    const { code, stderr } = await runJobContainer(undefined, fn.port);
    expect(code).toBe(1);
    expect(stderr).toMatch(/calling http:\/\/127\.0\.0\.1:\d+\/ns\/hello failed/);
  });
});

describe('escapeKubernetesExpansion', () => {
  it.each(['plain', '$(VAR)', '$$', '$', 'a$b$(c)$$(d)$'])('survives expansion unchanged: %s', (text) => {
    expect(expandKubernetes(escapeKubernetesExpansion(text), { VAR: 'expanded', c: 'x', d: 'y' })).toBe(text);
  });
});

describe('functionPort and functionTimeoutSeconds', () => {
  it('reads the Service port, else 8080 (Kubeless #19)', () => {
    expect(functionPort(aFunction().build())).toBe(8080);
    expect(
      functionPort(
        aFunction()
          .withSpec({ service: { ports: [{ port: 9090, targetPort: 8080 }] } })
          .build(),
      ),
    ).toBe(9090);
    expect(
      functionPort(
        aFunction()
          .withSpec({ service: { ports: 'nonsense' } })
          .build(),
      ),
    ).toBe(8080);
  });

  it('reads the timeout in seconds, else 180', () => {
    expect(functionTimeoutSeconds(aFunction().withTimeout('30').build())).toBe(30);
    expect(functionTimeoutSeconds(aFunction().withTimeout('').build())).toBe(180);
    expect(functionTimeoutSeconds(aFunction().withTimeout('soon').build())).toBe(180);
  });
});
