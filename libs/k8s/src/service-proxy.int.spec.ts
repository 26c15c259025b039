import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { ErrorCodes } from '@kubeless-ts/errors';
import type { KubeClients } from './kube-clients.js';
import { eventually } from '@kubeless-ts/test-support';
import { adminClients, createNamespace, deleteNamespace } from '../test/int-environment.js';

/** Endpoints may not be loopback addresses, so the backend listens on the host's first external IPv4 address. */
function hostAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal);
  if (!address) throw new Error('this host has no external IPv4 address for an Endpoints backend');
  return address.address;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

describe('service proxy against the real API server', () => {
  let clients: KubeClients;
  let namespace: string;
  let backend: Server;
  let port: number;

  beforeAll(async () => {
    clients = await adminClients();
    namespace = await createNamespace(clients, 'k8s-proxy');
    backend = createServer((request, response) => {
      void readBody(request).then((body) => {
        response.writeHead(request.url === '/fail' ? 500 : 200, {
          'content-type': 'application/json',
          'x-backend': 'yes',
        });
        response.end(
          JSON.stringify({ method: request.method, url: request.url, eventId: request.headers['event-id'], body }),
        );
      });
    });
    const host = hostAddress();
    await new Promise<void>((resolve) => backend.listen(0, host, resolve));
    const address = backend.address();
    if (typeof address !== 'object' || address === null) throw new Error('backend did not bind');
    port = address.port;
    await clients.services.apply({
      metadata: { name: 'backend', namespace },
      spec: { ports: [{ name: 'http-function-port', port: 8080, targetPort: port }] },
    });
    // The API server proxies only to endpoint addresses that belong to a Pod with that IP. There is no
    // kubelet here, so the Pod is created and its status (the IP) written through the status subresource.
    await clients.pods.create({
      metadata: { name: 'backend', namespace },
      spec: { containers: [{ name: 'backend', image: 'registry.invalid/backend:1' }] },
    });
    await clients.pods.patchStatus(
      'backend',
      { type: 'merge', patch: { status: { podIP: host, podIPs: [{ ip: host }] } } },
      { namespace },
    );
    await clients.endpoints.apply({
      metadata: { name: 'backend', namespace },
      subsets: [
        {
          addresses: [{ ip: host, targetRef: { kind: 'Pod', name: 'backend', namespace } }],
          ports: [{ name: 'http-function-port', port }],
        },
      ],
    });
  });
  afterAll(async () => {
    await deleteNamespace(clients, namespace);
    await new Promise<void>((resolve) => backend.close(() => resolve()));
  });

  it('reaches a backend with any method, headers and body, and returns status, headers and body', async () => {
    const response = await eventually(async () => {
      const answer = await clients.proxy({
        namespace,
        service: 'backend',
        port: 'http-function-port',
        method: 'POST',
        path: '/',
        headers: { 'event-id': 'abc', 'content-type': 'application/json' },
        body: '{"it-s":"alive"}',
      });
      expect(answer.status).toBe(200);
      return answer;
    });
    expect(response.headers['x-backend']).toBe('yes');
    expect(JSON.parse(response.body.toString())).toEqual({
      method: 'POST',
      url: '/',
      eventId: 'abc',
      body: '{"it-s":"alive"}',
    });
  });

  it("returns the backend's own failure untouched", async () => {
    const response = await clients.proxy({ namespace, service: 'backend', port: 8080, path: '/fail' });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString())).toMatchObject({ method: 'GET', url: '/fail' });
  });

  it('maps a service without endpoints to UNREACHABLE (503 from the API server)', async () => {
    await clients.services.apply({
      metadata: { name: 'lonely', namespace },
      spec: { selector: { app: 'none' }, ports: [{ port: 8080 }] },
    });
    // Until the endpoints controller has written the (empty) Endpoints, the apiserver may still answer 404 for the
    // brand-new Service: wait for that state, which is the one under test.
    await eventually(async () => expect(await clients.endpoints.find('lonely', { namespace })).toBeDefined());
    await eventually(() =>
      expect(clients.proxy({ namespace, service: 'lonely', port: 8080, path: '/metrics' })).rejects.toMatchObject({
        code: ErrorCodes.UNREACHABLE.code,
        details: expect.objectContaining({ httpStatus: 503 }),
      }),
    );
  });

  it('maps a missing service to NOT_FOUND', async () => {
    await expect(clients.proxy({ namespace, service: 'ghost', port: 8080 })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
    });
  });
});
