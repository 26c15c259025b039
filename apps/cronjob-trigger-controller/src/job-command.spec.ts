import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import { expandKubernetes } from '../test/kubernetes-expansion.js';
import { desiredCronJob } from './desired-cronjob.js';
import { escapeKubernetesExpansion, functionPort, functionTimeoutSeconds } from './job-command.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in function: records what the Job sent and answers with the status under test. */
async function fakeFunction(status: number): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      response.writeHead(status, status === 302 ? { location: '/elsewhere' } : {}).end('answer');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

/** Runs the Job's container command the way the kubelet would: env resolved, $(VAR) expanded. */
async function runJobContainer(payload: unknown, port: number): Promise<{ code: number | null; stderr: string }> {
  const trigger = aCronJobTrigger().named('tick').inNamespace('ns').forFunction('hello').withPayload(payload).build();
  const desired = desiredCronJob({
    trigger,
    fn: aFunction().named('hello').inNamespace('ns').withTimeout('5').build(),
    config: { provisionImage: 'img', provisionImageSecret: '', functionUrlTemplate: `http://127.0.0.1:${port}/{namespace}/{name}` },
  });
  if (desired.kind !== 'cronjob') throw new Error(desired.message);
  const container = desired.cronJob.spec?.jobTemplate.spec?.template.spec?.containers[0];
  const vars: Record<string, string> = {};
  for (const entry of container?.env ?? []) vars[entry.name] = entry.valueFrom !== undefined ? 'pod-uid-1' : expandKubernetes(entry.value ?? '', vars);
  const [shell = '', ...args] = (container?.command ?? []).map((part) => expandKubernetes(part, vars));
  const child = spawn(shell, args, { env: { PATH: process.env['PATH'] ?? '', ...vars } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr };
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
    const payload = { text: "it's $(whoami) `id` $$HOME; rm -rf / \"quoted\"", n: 1, nested: ['@file', null] };
    const { code, received, stderr } = await call(200, payload);
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/ns/hello');
    expect(JSON.parse(request?.body ?? '')).toEqual(payload);
    expect(request?.headers).toMatchObject({
      'event-id': 'pod-uid-1',
      'event-namespace': 'cronjobtrigger.kubeless.io',
      'event-type': 'application/json',
      'content-type': 'application/json',
    });
    expect(request?.headers['event-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(stderr).toContain('answered HTTP 200');
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
    expect(functionPort(aFunction().withSpec({ service: { ports: [{ port: 9090, targetPort: 8080 }] } }).build())).toBe(9090);
    expect(functionPort(aFunction().withSpec({ service: { ports: 'nonsense' } }).build())).toBe(8080);
  });

  it('reads the timeout in seconds, else 180', () => {
    expect(functionTimeoutSeconds(aFunction().withTimeout('30').build())).toBe(30);
    expect(functionTimeoutSeconds(aFunction().withTimeout('').build())).toBe(180);
    expect(functionTimeoutSeconds(aFunction().withTimeout('soon').build())).toBe(180);
  });
});
