import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Informer, type Logger } from '@kubeless-ts/controller-kit';
import type { Ingress, KubeClients, Pod, Service } from '@kubeless-ts/k8s';
import { freePort } from '@kubeless-ts/testenv';
import { createGateway } from './gateway.js';
import { createKubeletServer } from './kubelet-server.js';
import { NodeAgent } from './node-agent.js';
import { PodRunner } from './pod-runner.js';
import type { VolumeSources } from './volume-materializer.js';

export interface FunctionHostOptions {
  readonly clients: KubeClients;
  readonly workspaceRoot: string;
  readonly stateDir: string;
  readonly nodeName?: string;
  readonly gatewayPort?: number;
  /**
   * The CA of the apiserver's kubelet client certificate: only the apiserver
   * may then read logs here. Undefined for an apiserver that presents none
   * (started without --kubelet-client-certificate): the log server is then
   * reachable from loopback only, as it always is.
   */
  readonly kubeletClientCa?: string;
  readonly logger: Logger;
}

export interface RunningFunctionHost {
  readonly nodeName: string;
  readonly gatewayUrl: string;
  /** Resolves once the pod, Service and Ingress caches have synced. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

const podKey = (pod: Readonly<Pod>) => `${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid}`;

/**
 * A development stand-in for the kubelet (never shipped to clusters): it
 * registers a Node, runs the pods the real scheduler binds to it as local
 * processes, reports their status, serves their logs, and routes HTTP to them.
 */
export async function startFunctionHost(options: FunctionHostOptions): Promise<RunningFunctionHost> {
  const { clients, logger } = options;
  const nodeName = options.nodeName ?? 'kubeless-local';
  const controller = new AbortController();
  const signal = controller.signal;
  const runners = new Map<string, PodRunner>();
  mkdirSync(options.stateDir, { recursive: true });

  const pods = new Informer<Pod>({
    name: 'pods',
    listWatch: clients.listWatch(clients.pods, { fieldSelector: `spec.nodeName=${nodeName}` }),
    logger,
  });
  const services = new Informer<Service>({ name: 'services', listWatch: clients.listWatch(clients.services), logger });
  const ingresses = new Informer<Ingress>({
    name: 'ingresses',
    listWatch: clients.listWatch(clients.ingresses),
    logger,
  });

  const sourcesFor = (namespace: string): VolumeSources => ({
    async configMapData(name) {
      const cm = await clients.configMaps.find(name, { namespace });
      return cm ? { ...(cm.data ?? {}) } : undefined;
    },
    async secretData(name) {
      const secret = await clients.secrets.find(name, { namespace });
      if (!secret) return undefined;
      const decoded: Record<string, string> = { ...(secret.stringData ?? {}) };
      for (const [k, v] of Object.entries(secret.data ?? {})) decoded[k] = Buffer.from(v, 'base64').toString('utf8');
      return decoded;
    },
  });

  const pendingStatus = new Map<string, NonNullable<Pod['status']>>();
  const flushStatus = async (runner: PodRunner) => {
    const key = podKey(runner.pod);
    const status = pendingStatus.get(key);
    if (!status) return;
    pendingStatus.delete(key);
    const { name, namespace } = runner.pod.metadata ?? {};
    await clients.pods
      .patchStatus(name ?? '', { type: 'merge', patch: { status } }, { namespace })
      .catch((error: unknown) => {
        logger.debug({ err: error, pod: key }, 'pod status update failed');
      });
  };

  const startRunner = (pod: Readonly<Pod>) => {
    const key = podKey(pod);
    if (runners.has(key)) return;
    const namespace = pod.metadata?.namespace ?? 'default';
    let timer: NodeJS.Timeout | undefined;
    const runner: PodRunner = new PodRunner({
      pod: structuredClone(pod) as Pod,
      workspaceRoot: options.workspaceRoot,
      stateDir: options.stateDir,
      sources: sourcesFor(namespace),
      signal,
      onStatus: (status) => {
        pendingStatus.set(key, status);
        // Coalesce bursts of changes into one write, as a kubelet's status manager does.
        clearTimeout(timer);
        timer = setTimeout(() => void flushStatus(runner), 100);
      },
    });
    runners.set(key, runner);
    logger.info({ pod: key }, 'starting pod');
    void runner.run();
  };

  const stopRunner = async (pod: Readonly<Pod>, deleteFromApi: boolean) => {
    const key = podKey(pod);
    const runner = runners.get(key);
    if (runner) {
      logger.info({ pod: key }, 'stopping pod');
      await runner.stop((pod.spec?.terminationGracePeriodSeconds ?? 5) * 1000);
      runners.delete(key);
    }
    if (deleteFromApi) {
      // The kubelet's last word on a terminating pod: remove it for good.
      await clients.pods
        .delete(pod.metadata?.name ?? '', { namespace: pod.metadata?.namespace, gracePeriodSeconds: 0 })
        .catch(() => false);
    }
  };

  pods.addEventHandler({
    onAdd: (pod) => (pod.metadata?.deletionTimestamp ? void stopRunner(pod, true) : startRunner(pod)),
    onUpdate: (_old, pod) => (pod.metadata?.deletionTimestamp ? void stopRunner(pod, true) : startRunner(pod)),
    onDelete: (pod) => void stopRunner(pod, false),
  });

  const certDir = join(options.stateDir, 'kubelet-pki');
  mkdirSync(certDir, { recursive: true });
  const cert = join(certDir, 'kubelet.crt');
  const key = join(certDir, 'kubelet.key');
  if (!existsSync(cert)) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '3650',
        '-subj',
        `/CN=${nodeName}`,
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
  }
  const kubelet: HttpsServer = createKubeletServer({
    cert,
    key,
    clientCa: options.kubeletClientCa,
    runners: () => runners.values(),
  });
  const kubeletPort = await freePort();
  await new Promise<void>((resolve) => kubelet.listen(kubeletPort, '127.0.0.1', resolve));

  const gateway: HttpServer = createGateway({
    runners: () => runners.values(),
    services: () => services.list(),
    ingresses: () => ingresses.list(),
    basicAuthSecret: async (namespace, name) => (await sourcesFor(namespace).secretData(name))?.['auth'],
  });
  await new Promise<void>((resolve) => gateway.listen(options.gatewayPort ?? 0, '127.0.0.1', resolve));
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;

  const agent = new NodeAgent({ clients, nodeName, kubeletPort, signal });
  await agent.register();
  for (const informer of [pods, services, ingresses]) void informer.run(signal);
  const ready = Promise.all([pods, services, ingresses].map((i) => i.waitForSync(signal))).then(() => undefined);

  return {
    nodeName,
    gatewayUrl,
    ready,
    async stop() {
      controller.abort();
      await Promise.all([...runners.values()].map((r) => r.stop(3_000)));
      runners.clear();
      await agent.deregister();
      gateway.closeAllConnections();
      kubelet.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => gateway.close(resolve)),
        new Promise((resolve) => kubelet.close(resolve)),
      ]);
    },
  };
}
