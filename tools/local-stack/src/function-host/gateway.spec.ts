import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ingress, Service } from '@kubeless-ts/k8s';
import { createGateway } from './gateway.js';
import type { PodRunner } from './pod-runner.js';

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; challenge?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: 'fn.example', ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, challenge: res.headers['www-authenticate'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('local gateway routing through an Ingress with basic auth', () => {
  let upstream: Server;
  let gateway: Server;
  let port: number;
  const secrets: Record<string, string> = {
    users: `alice:{SHA}${createHash('sha1').update('wonderland').digest('base64')}\n`,
  };

  beforeAll(async () => {
    upstream = createServer((req, res) => res.end(`function saw ${req.url ?? ''}`));
    const upstreamPort = await listen(upstream);
    const runner = {
      ready: true,
      primaryPort: upstreamPort,
      pod: { metadata: { namespace: 'team', name: 'hello-1', labels: { function: 'hello' } } },
    } as unknown as PodRunner;
    const service: Service = {
      metadata: { namespace: 'team', name: 'hello' },
      spec: { selector: { function: 'hello' } },
    };
    const route = (name: string, path: string, annotations: Record<string, string>): Ingress => ({
      metadata: { namespace: 'team', name, annotations },
      spec: {
        rules: [
          {
            host: 'fn.example',
            http: {
              paths: [{ path, pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 80 } } } }],
            },
          },
        ],
      },
    });
    const ingresses = [
      route('locked', '/locked', {
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': 'users',
        'nginx.ingress.kubernetes.io/auth-realm': 'team "a"',
      }),
      route('lost-key', '/lost', {
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': 'missing',
      }),
      route('open', '/open', {}),
    ];
    gateway = createGateway({
      runners: () => [runner],
      services: () => [service],
      ingresses: () => ingresses,
      basicAuthSecret: (namespace, name) => Promise.resolve(namespace === 'team' ? secrets[name] : undefined),
    });
    port = await listen(gateway);
  });

  afterAll(async () => {
    await close(gateway);
    await close(upstream);
  });

  it('asks for credentials and forwards only the right ones', async () => {
    expect(await get(port, '/locked/x')).toEqual({
      status: 401,
      body: 'credentials required\n',
      challenge: 'Basic realm="team a"',
    });
    expect((await get(port, '/locked/x', { authorization: basic('alice', 'nope') })).status).toBe(401);
    expect(await get(port, '/locked/x', { authorization: basic('alice', 'wonderland') })).toMatchObject({
      status: 200,
      body: 'function saw /x',
    });
  });

  it('closes a route whose Secret is missing, and leaves routes without auth open', async () => {
    expect((await get(port, '/lost/x', { authorization: basic('alice', 'wonderland') })).status).toBe(503);
    expect(await get(port, '/open/y')).toMatchObject({ status: 200, body: 'function saw /y' });
  });
});
