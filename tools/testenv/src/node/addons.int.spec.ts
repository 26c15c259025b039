// CoreDNS and Traefik, built from their Go modules, run as host processes
// against the shared real apiserver. No kubelet runs here: backends are plain
// Node HTTP servers on the node address behind selector-less Services with
// hand-made EndpointSlices, which is all either add-on looks at.
import { createHash, randomBytes } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { mkdtempSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { freePort } from '../free-port.js';
import { sharedEnvironment } from '../shared-environment.js';
import { waitUntil } from '../wait-until.js';
import { applyObjects } from './addon-access.js';
import { provisionNodeAddons } from './addon-binaries.js';
import { startClusterDns, type ClusterDns } from './cluster-dns.js';
import { startIngressController, type IngressController } from './ingress-controller.js';
import { ensureNodeAddress } from './node-address.js';

const NODE_IP = '10.231.0.1';
const BUILD_TIMEOUT_MS = 30 * 60_000;

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

function send(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.end();
  });
}

/** Answers every request with the path it saw, so rewrites are visible. */
function startBackend(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ path: req.url }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, NODE_IP, () => resolve(server));
  });
}

/** A selector-less Service whose only endpoint is the backend on the node address. */
function backendObjects(namespace: string, name: string, port: number): k8s.KubernetesObject[] {
  const service: k8s.V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { ports: [{ name: 'http', port: 80, targetPort: port }] },
  };
  const slice: k8s.V1EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-host`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [NODE_IP], conditions: { ready: true } }],
    ports: [{ name: 'http', protocol: 'TCP', port }],
  };
  return [service, slice];
}

function anIngress(
  namespace: string,
  name: string,
  options: { className: string; path: string; annotations?: Record<string, string> },
): k8s.V1Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace, annotations: options.annotations ?? {} },
    spec: {
      ingressClassName: options.className,
      rules: [
        {
          http: {
            paths: [
              {
                path: options.path,
                pathType: 'Prefix',
                backend: { service: { name: 'backend', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** An htpasswd line in the `{SHA}` scheme, which both ingress-nginx and Traefik accept. */
const htpasswd = (user: string, password: string) =>
  `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('node add-ons: CoreDNS and Traefik as host processes on the node address', () => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sharedEnvironment().kubeconfigPath);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const namespace = `addons-${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'kubeless-ts-addons-'));
  let clusterDns: ClusterDns | undefined;
  let ingress: IngressController | undefined;
  let backend: Server | undefined;
  let dnsPort = 0;

  beforeAll(async () => {
    // A cold build compiles CoreDNS and Traefik from source; later runs find them cached.
    await provisionNodeAddons({ progress: (line) => process.stderr.write(`${line}\n`) });
    ensureNodeAddress(NODE_IP);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const [backendPort, webPort] = await Promise.all([freePort(), freePort()]);
    dnsPort = await freePort();
    backend = await startBackend(backendPort);
    await applyObjects(kc, backendObjects(namespace, 'backend', backendPort));
    const kubeconfigPath = sharedEnvironment().kubeconfigPath;
    // Its own DNS Service and ports: the environment may run cluster DNS and an Ingress controller of its own.
    [clusterDns, ingress] = await Promise.all([
      startClusterDns({
        kubeconfigPath,
        dataDir,
        listenAddress: NODE_IP,
        port: dnsPort,
        service: { namespace, name: 'dns' },
      }),
      startIngressController({ kubeconfigPath, dataDir, listenAddress: NODE_IP, port: webPort }),
    ]);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all([clusterDns?.stop(), ingress?.stop()]);
    await new Promise((resolve) => (backend ? backend.close(resolve) : resolve(undefined)));
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  describe('CoreDNS', () => {
    const resolver = new dns.Resolver({ timeout: 2_000, tries: 2 });
    beforeAll(() => resolver.setServers([`${NODE_IP}:${dnsPort}`]));

    it('answers kubernetes.default.svc.cluster.local with the apiserver Service IP', async () => {
      const kubernetes = await core.readNamespacedService({ name: 'kubernetes', namespace: 'default' });
      expect(await resolver.resolve4('kubernetes.default.svc.cluster.local')).toEqual([kubernetes.spec?.clusterIP]);
    });

    it('answers a Service created after it started', async () => {
      const created = await core.createNamespacedService({
        namespace,
        body: { metadata: { name: 'late' }, spec: { ports: [{ port: 8080 }] } },
      });
      const name = `late.${namespace}.svc.cluster.local`;
      await waitUntil(async () => (await resolver.resolve4(name)).includes(created.spec?.clusterIP ?? '?'), {
        what: `an A record for ${name}`,
        timeoutMs: 15_000,
      });
    });

    it('answers NXDOMAIN inside the cluster domain instead of forwarding', async () => {
      await expect(resolver.resolve4(`missing.${namespace}.svc.cluster.local`)).rejects.toMatchObject({
        code: 'ENOTFOUND',
      });
    });

    it('is published as a Service whose EndpointSlice names the host process', async () => {
      const slices = await kc
        .makeApiClient(k8s.DiscoveryV1Api)
        .listNamespacedEndpointSlice({ namespace, labelSelector: 'kubernetes.io/service-name=dns' });
      expect(slices.items.flatMap((s) => s.endpoints.flatMap((e) => e.addresses))).toEqual([NODE_IP]);
      expect(slices.items.flatMap((s) => (s.ports ?? []).map((p) => `${p.protocol}/${p.port}`)).sort()).toEqual([
        `TCP/${dnsPort}`,
        `UDP/${dnsPort}`,
      ]);
      expect(await resolver.resolve4(`dns.${namespace}.svc.cluster.local`)).toEqual([clusterDns?.serviceIp]);
    });
  });

  describe('Traefik', () => {
    const url = (path: string) => `${ingress?.httpUrl ?? 'http://unstarted'}${path}`;

    it('routes an Ingress of class traefik to its Service endpoints and publishes the node address', async () => {
      await applyObjects(kc, [anIngress(namespace, 'plain', { className: 'traefik', path: '/plain' })]);
      await waitUntil(async () => (await send(url('/plain/x'))).status === 200, {
        what: 'a route for /plain',
        timeoutMs: 30_000,
      });
      expect(JSON.parse((await send(url('/plain/x'))).body)).toEqual({ path: '/plain/x' });
      const net = kc.makeApiClient(k8s.NetworkingV1Api);
      await waitUntil(
        async () =>
          (await net.readNamespacedIngress({ name: 'plain', namespace })).status?.loadBalancer?.ingress?.[0]?.ip ===
          NODE_IP,
        {
          what: 'Ingress status with the node address',
          timeoutMs: 30_000,
        },
      );
    });

    // Documents docs/adr/0013: Traefik v3 reads only traefik.ingress.kubernetes.io/router.* and service.*;
    // the Traefik 1.x annotations Kubeless writes for gateway traefik route, but change nothing.
    it('routes class traefik with the Traefik 1.x annotations of gateway traefik, without honouring them', async () => {
      const annotations = {
        'traefik.ingress.kubernetes.io/rewrite-target': '/',
        'ingress.kubernetes.io/auth-type': 'basic',
        'ingress.kubernetes.io/auth-secret': 'basic-auth-v1',
      };
      await applyObjects(kc, [anIngress(namespace, 'traefik-v1', { className: 'traefik', path: '/v1', annotations })]);
      await waitUntil(async () => (await send(url('/v1/x'))).status === 200, {
        what: 'a route for /v1',
        timeoutMs: 30_000,
      });
      expect(JSON.parse((await send(url('/v1/x'))).body)).toEqual({ path: '/v1/x' });
    });

    describe('class nginx with the annotations the http-trigger-controller writes for gateway nginx', () => {
      const user = 'kubeless';
      const password = randomBytes(6).toString('hex');
      const origin = 'http://app.example';
      const rewrite = { 'nginx.ingress.kubernetes.io/rewrite-target': '/' };
      const cors = { 'nginx.ingress.kubernetes.io/enable-cors': 'true' };
      const auth = {
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': 'basic-auth',
      };

      beforeAll(async () => {
        await core.createNamespacedSecret({
          namespace,
          body: { metadata: { name: 'basic-auth' }, stringData: { auth: `${htpasswd(user, password)}\n` } },
        });
        await applyObjects(kc, [
          anIngress(namespace, 'open', { className: 'nginx', path: '/open', annotations: { ...rewrite, ...cors } }),
          anIngress(namespace, 'locked', {
            className: 'nginx',
            path: '/locked',
            annotations: { ...rewrite, ...cors, ...auth },
          }),
        ]);
        await waitUntil(
          async () => (await send(url('/open'))).status === 200 && (await send(url('/locked'))).status === 401,
          {
            what: 'routes for /open and /locked',
            timeoutMs: 30_000,
          },
        );
      });

      it('rewrites the trigger path to /', async () => {
        expect(JSON.parse((await send(url('/open'))).body)).toEqual({ path: '/' });
        // ingress-nginx replaces the whole URI; Traefik replaces the matched prefix, and refuses the `//x` that leaves (docs/adr/0013).
        expect((await send(url('/open/x'))).status).toBe(400);
      });

      it('answers CORS requests and preflights', async () => {
        const actual = await send(url('/open'), { headers: { origin } });
        expect(actual.headers['access-control-allow-origin']).toMatch(/^(\*|http:\/\/app\.example)$/);
        const preflight = await send(url('/open'), {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.status).toBeLessThan(300);
        expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
      });

      it('asks for basic auth and lets the credentials of the secret through', async () => {
        const denied = await send(url('/locked'));
        expect(denied.status).toBe(401);
        expect(denied.headers['www-authenticate']).toMatch(/^Basic/);
        expect((await send(url('/locked'), { headers: { authorization: basic(user, 'wrong') } })).status).toBe(401);
        const allowed = await send(url('/locked'), { headers: { authorization: basic(user, password), origin } });
        expect(allowed.status).toBe(200);
        expect(JSON.parse(allowed.body)).toEqual({ path: '/' });
        expect(allowed.headers['access-control-allow-origin']).toMatch(/^(\*|http:\/\/app\.example)$/);
      });

      it('checks basic auth before answering a CORS preflight (ingress-nginx answers it first; docs/adr/0013)', async () => {
        const preflight = await send(url('/locked'), {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.status).toBe(401);
      });
    });
  });
});
