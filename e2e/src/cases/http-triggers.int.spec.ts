// HTTP triggers: Ingress objects (host, path, TLS, basic auth) and a request
// routed by Host and path through the ingress address.
import { join } from 'node:path';
import type { Ingress } from '@kubeless-ts/k8s';
import { waitUntil } from '@kubeless-ts/testenv';
import { e2eSession, type HttpAnswer } from '../harness/e2e-session.js';

const session = e2eSession();
let ns = '';

beforeAll(async () => {
  ns = await session.createNamespace('http');
  await session.ok([
    'function',
    'deploy',
    'hello',
    '--runtime',
    'nodejs20',
    '--from-file',
    join(session.examples, 'nodejs', 'hello.js'),
    '--handler',
    'hello.hello',
    '-n',
    ns,
    '--wait=90s',
  ]);
}, 120_000);
afterAll(() => session.deleteNamespace(ns));

async function ingressOf(trigger: string): Promise<Ingress> {
  const clients = await session.clients();
  let found: Ingress | undefined;
  await waitUntil(async () => (found = await clients.ingresses.find(trigger, { namespace: ns })) !== undefined, {
    what: `Ingress of trigger ${ns}/${trigger}`,
    timeoutMs: 30_000,
    intervalMs: 500,
  });
  return found as Ingress;
}

it('routes a request by Host and path to the function', async () => {
  const host = `hello.${ns}.kubeless.local`;
  await session.ok([
    'trigger',
    'http',
    'create',
    'hello-route',
    '--function-name',
    'hello',
    '--hostname',
    host,
    '--path',
    'greet',
    '-n',
    ns,
  ]);
  const ingress = await ingressOf('hello-route');
  const rule = ingress.spec?.rules?.[0];
  expect(rule?.host).toBe(host);
  expect(rule?.http?.paths[0]?.path).toBe('/greet');
  expect(rule?.http?.paths[0]?.backend.service?.name).toBe('hello');
  let answer: HttpAnswer | undefined;
  await waitUntil(async () => (answer = await session.ingressGet(host, '/greet')).status === 200, {
    what: `GET http://${host}/greet`,
    timeoutMs: 30_000,
    intervalMs: 500,
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}; last answer: ${JSON.stringify(answer)}`);
  });
  expect(answer?.body.trim()).toBe('hello world');
  const wrongHost = await session.ingressGet(`other.${ns}.kubeless.local`, '/greet');
  expect(wrongHost.status).not.toBe(200);
});

it('puts a --tls-secret on the Ingress for the trigger host', async () => {
  const host = `secure.${ns}.kubeless.local`;
  await session.ok([
    'trigger',
    'http',
    'create',
    'hello-tls',
    '--function-name',
    'hello',
    '--hostname',
    host,
    '--tls-secret',
    'hello-cert',
    '-n',
    ns,
  ]);
  const ingress = await ingressOf('hello-tls');
  expect(ingress.spec?.tls).toEqual([{ secretName: 'hello-cert', hosts: [host] }]);
});

it('adds the gateway basic-auth annotations for --basic-auth-secret', async () => {
  await session.ok([
    'trigger',
    'http',
    'create',
    'hello-auth',
    '--function-name',
    'hello',
    '--hostname',
    `auth.${ns}.kubeless.local`,
    '--basic-auth-secret',
    'hello-users',
    '-n',
    ns,
  ]);
  const ingress = await ingressOf('hello-auth');
  expect(ingress.metadata?.annotations).toMatchObject({
    'nginx.ingress.kubernetes.io/auth-type': 'basic',
    'nginx.ingress.kubernetes.io/auth-secret': 'hello-users',
  });
  const list = await session.ok(['trigger', 'http', 'list', '-n', ns]);
  for (const name of ['hello-route', 'hello-tls', 'hello-auth']) expect(list.stdout).toContain(name);
});

it('deletes a trigger and its Ingress', async () => {
  await session.ok(['trigger', 'http', 'delete', 'hello-tls', '-n', ns]);
  const clients = await session.clients();
  await waitUntil(async () => (await clients.ingresses.find('hello-tls', { namespace: ns })) === undefined, {
    what: 'Ingress hello-tls gone',
    timeoutMs: 30_000,
    intervalMs: 500,
  });
});
