// The log server against a private apiserver started with its kubelet client certificate
// (the shared one may predate that flag): `kubectl logs` goes through, anyone else does not.
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { runKubectl, startControlPlane, waitUntil, workspaceRoot, type ControlPlane } from '@kubeless-ts/testenv';
import { startFunctionHost, type RunningFunctionHost } from './function-host.js';
import { NodeType } from './node-agent.js';

describe('the function host serves logs to the apiserver only', () => {
  let plane: ControlPlane;
  let clients: KubeClients;
  let host: RunningFunctionHost;
  const namespace = 'logs';

  beforeAll(async () => {
    // No scheduler or controller-manager: the pod names its node, and nothing else is needed.
    plane = await startControlPlane({ controllerManager: false, scheduler: false });
    clients = await createKubeClients({ kubeconfig: plane.kubeconfigPath, fieldManager: 'kubelet-auth-test' });
    host = await startFunctionHost({
      clients,
      workspaceRoot,
      stateDir: mkdtempSync(join(tmpdir(), 'fh-auth-')),
      kubeletClientCa: plane.pki.caCert,
      logger: silentLogger(),
    });
    await host.ready;
  }, 180_000);

  afterAll(async () => {
    await host?.stop();
    await plane?.stop();
  });

  async function kubeletPort(): Promise<number> {
    const node = await clients.resource(NodeType).get(host.nodeName);
    return node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 0;
  }

  function asAdmin(port: number, path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          rejectUnauthorized: false,
          cert: readFileSync(plane.pki.adminCert),
          key: readFileSync(plane.pki.adminKey),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('answers kubectl logs through the apiserver, and refuses a person holding a certificate of the same CA', async () => {
    await clients.namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    await clients.serviceAccounts.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace },
    });
    await clients.pods.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'talker', namespace },
      spec: {
        nodeName: host.nodeName,
        automountServiceAccountToken: false,
        containers: [
          { name: 'talk', image: 'provision', command: ['sh', '-c', 'echo said over mutual TLS; exec sleep 600'] },
        ],
      },
    });
    await waitUntil(async () => (await clients.pods.get('talker', { namespace })).status?.phase === 'Running', {
      what: 'pod running',
      timeoutMs: 60_000,
      intervalMs: 300,
    });
    await waitUntil(
      async () =>
        (await runKubectl(plane.kubeconfigPath, ['logs', '-n', namespace, 'talker', '-c', 'talk'])).stdout.includes(
          'said over mutual TLS',
        ),
      { what: 'logs through the apiserver', timeoutMs: 30_000, intervalMs: 300 },
    );
    expect(await asAdmin(await kubeletPort(), `/containerLogs/${namespace}/talker/talk`)).toBe(403);
  });
});
