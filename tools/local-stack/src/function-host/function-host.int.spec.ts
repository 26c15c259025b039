import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { runKubectl, sharedEnvironment, waitUntil, workspaceRoot } from '@kubeless-ts/testenv';
import { startFunctionHost, type RunningFunctionHost } from './function-host.js';

describe('local function host (stands in for the kubelet)', () => {
  let clients: KubeClients;
  let host: RunningFunctionHost;
  const namespace = `host-${Date.now().toString(36)}`;
  const nodeName = `host-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    const env = sharedEnvironment();
    clients = await createKubeClients({ kubeconfig: env.kubeconfigPath, fieldManager: 'local-function-host-test' });
    await clients.namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    host = await startFunctionHost({
      clients,
      workspaceRoot,
      stateDir: mkdtempSync(join(tmpdir(), 'fh-')),
      nodeName,
      logger: silentLogger(),
    });
    await host.ready;
  });

  afterAll(async () => {
    await host?.stop();
    await clients?.namespaces.delete(namespace).catch(() => false);
  });

  it('runs a Deployment pod scheduled by the real scheduler, reports it Ready, routes to it and serves its logs', async () => {
    const labels = { app: 'echo' };
    await clients.configMaps.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'page', namespace },
      data: { 'index.html': 'hello from a configmap\n' },
    });
    await clients.deployments.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'echo', namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector: { 'kubernetes.io/hostname': nodeName },
            volumes: [
              { name: 'page', configMap: { name: 'page' } },
              { name: 'www', emptyDir: {} },
            ],
            initContainers: [
              {
                name: 'copy',
                image: 'provision',
                command: ['sh', '-c', 'cp /page/index.html /www/index.html && echo copied'],
                volumeMounts: [
                  { name: 'page', mountPath: '/page' },
                  { name: 'www', mountPath: '/www' },
                ],
              },
            ],
            containers: [
              {
                name: 'web',
                image: 'provision',
                command: [
                  'sh',
                  '-c',
                  'echo serving; exec python3 -m http.server "$FUNC_PORT" --bind 127.0.0.1 --directory /www',
                ],
                env: [{ name: 'FUNC_PORT', value: '8080' }],
                ports: [{ containerPort: 8080 }],
                livenessProbe: { httpGet: { path: '/index.html', port: 8080 } },
                volumeMounts: [{ name: 'www', mountPath: '/www' }],
              },
            ],
          },
        },
      },
    });
    await clients.services.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace },
      spec: { selector: labels, ports: [{ port: 8080, targetPort: 8080 }] },
    });

    await waitUntil(
      async () => {
        const deployment = await clients.deployments.get('echo', { namespace });
        return deployment.status?.readyReplicas === 1;
      },
      { what: 'deployment ready', timeoutMs: 60_000, intervalMs: 300 },
    );
    const answer = await fetch(`${host.gatewayUrl}/${namespace}/echo/index.html`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('hello from a configmap\n');

    const { items } = await clients.pods.list({ namespace, labelSelector: 'app=echo' });
    const podName = items[0]?.metadata?.name ?? '';
    const logs = await runKubectl(sharedEnvironment().kubeconfigPath, ['logs', '-n', namespace, podName, '-c', 'web']);
    expect(logs).toMatchObject({ code: 0, stdout: expect.stringContaining('serving') });
    const initLogs = await runKubectl(sharedEnvironment().kubeconfigPath, [
      'logs',
      '-n',
      namespace,
      podName,
      '-c',
      'copy',
    ]);
    expect(initLogs).toMatchObject({ code: 0, stdout: expect.stringContaining('copied') });

    // Deleting goes through the real Deployment and garbage collector; the host stops the process.
    await clients.deployments.delete('echo', { namespace, propagationPolicy: 'Foreground' });
    await waitUntil(
      async () => (await clients.pods.list({ namespace, labelSelector: 'app=echo' })).items.length === 0,
      { what: 'pods gone', timeoutMs: 60_000, intervalMs: 300 },
    );
    await waitUntil(async () => (await fetch(`${host.gatewayUrl}/${namespace}/echo/index.html`)).status === 503, {
      what: 'route gone',
      timeoutMs: 10_000,
    });
  });
});
