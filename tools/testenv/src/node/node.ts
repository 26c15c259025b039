import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ControlPlane } from '../control-plane.js';
import type { ManagedProcess } from '../managed-process.js';
import type { ProgressSink } from '../provision.js';
import { cacheRoot } from '../versions.js';
import { httpsGet, waitUntil } from '../wait-until.js';
import { startContainerd, type Containerd } from './containerd.js';
import { checkNodeHost, installNodePackages } from './host-requirements.js';
import { publishImages, startImageRegistry, type LocalImage } from './image-registry.js';
import { startKubeProxy } from './kube-proxy.js';
import { startKubelet } from './kubelet.js';
import { removeCniNetworkNamespaces, unmountBelow } from './mounts.js';
import { sweepStaleNode } from './stale-node.js';
import { startClusterDns } from './cluster-dns.js';
import { startIngressController } from './ingress-controller.js';
import { ensureNodeAddress } from './node-address.js';
import { applyNodeSysctls, NODE_IP, NODE_NAME, removePodBridge } from './node-network.js';
import { CNI_BIN_DIR, writePodNetworkConfig } from './pod-network.js';

const run = promisify(execFile);

/** The sandbox image every pod starts with; built by the image build with the others. */
export const SANDBOX_IMAGE = 'kubeless-ts/pause:3.10';

export interface NodeOptions {
  readonly controlPlane: ControlPlane;
  /** Images to publish to the node's registry before the kubelet starts. */
  readonly images: readonly LocalImage[];
  readonly progress?: ProgressSink;
  readonly readyTimeoutMs?: number;
}

export interface RealNode {
  readonly name: string;
  readonly ip: string;
  /** `host:port` of the registry the kubelet pulls from (the docker.io mirror). */
  readonly registry: string;
  /** Where the Ingress controller (Traefik) serves Ingresses, e.g. http://10.231.0.1:8088. */
  readonly ingressUrl: string;
  readonly logs: Readonly<Record<string, string>>;
  readonly processes: readonly ManagedProcess[];
  stop(): Promise<void>;
}

/**
 * One real Kubernetes node on this machine: containerd + runc with a CNI
 * bridge network, the kubelet and kube-proxy of the control plane's version,
 * and a local registry holding the images built here. Every daemon is a
 * process of ours (there is no systemd), stopped in reverse order.
 */
export async function startNode(options: NodeOptions): Promise<RealNode> {
  const progress = options.progress ?? (() => undefined);
  const { controlPlane } = options;
  const { kubelet: kubeletBinary, kubeProxy: kubeProxyBinary } = controlPlane.binaries;
  if (!kubeletBinary || !kubeProxyBinary)
    throw new Error(
      'the kubelet and kube-proxy binaries are not built (KUBEBUILDER_ASSETS supplies only a control plane): unset it or add them there',
    );
  await installNodePackages(progress);
  checkNodeHost();
  ensureNodeAddress(NODE_IP);
  applyNodeSysctls();
  await sweepStaleNode();
  removePodBridge();

  const dataDir = join(controlPlane.dataDir, 'node');
  mkdirSync(dataDir, { recursive: true });
  const logs: Record<string, string> = {};
  const logFile = (name: string) => (logs[name] = join(controlPlane.dataDir, 'logs', `${name}.log`));
  const stops: (() => Promise<void>)[] = [];
  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
    stops.length = 0;
    await unmountBelow(dataDir);
    await removeCniNetworkNamespaces();
    removePodBridge();
  };

  try {
    progress('[testenv] starting the node registry');
    const registry = await startImageRegistry({
      storageDir: join(cacheRoot(), 'registry'),
      dataDir: join(dataDir, 'registry'),
      logFile: logFile('registry'),
      host: NODE_IP,
    });
    processes.push(registry.process);
    stops.push(() => registry.process.stop());
    await publishImages(registry.address, options.images, progress);

    progress('[testenv] starting containerd');
    const cniConfDir = writePodNetworkConfig(join(dataDir, 'cni'));
    const containerd: Containerd = await startContainerd({
      dataDir: join(dataDir, 'containerd'),
      logFile: logFile('containerd'),
      registry: registry.address,
      sandboxImage: SANDBOX_IMAGE,
      cniConfDir,
      cniBinDir: CNI_BIN_DIR,
    });
    processes.push(containerd.process);
    stops.push(() => containerd.stop());

    progress('[testenv] starting kubelet and kube-proxy');
    const kubelet = await startKubelet({
      binary: kubeletBinary,
      dataDir: join(dataDir, 'kubelet'),
      logFile: logFile('kubelet'),
      server: controlPlane.server,
      pki: controlPlane.pki,
      containerdSocket: containerd.socket,
    });
    processes.push(kubelet.process);
    stops.push(() => kubelet.process.stop(10_000));
    const kubeProxy = await startKubeProxy({
      binary: kubeProxyBinary,
      dataDir: join(dataDir, 'kube-proxy'),
      logFile: logFile('kube-proxy'),
      server: controlPlane.server,
      pki: controlPlane.pki,
    });
    processes.push(kubeProxy);
    stops.push(async () => {
      await kubeProxy.stop();
      // Leaves no Service rules behind for the next run's kube-proxy to trip over.
      await run(kubeProxyBinary, ['--cleanup']).catch(() => undefined);
    });

    progress('[testenv] starting cluster DNS (CoreDNS) and the Ingress controller (Traefik)');
    const addonsDir = join(dataDir, 'addons');
    const [dns, ingress] = await Promise.all([
      startClusterDns({ kubeconfigPath: controlPlane.kubeconfigPath, dataDir: join(addonsDir, 'coredns'), progress }),
      startIngressController({
        kubeconfigPath: controlPlane.kubeconfigPath,
        dataDir: join(addonsDir, 'traefik'),
        progress,
      }),
    ]);
    logs['coredns'] = dns.logFile;
    logs['traefik'] = ingress.logFile;
    stops.push(
      () => dns.stop(),
      () => ingress.stop(),
    );

    await waitForNodeReady(controlPlane, options.readyTimeoutMs ?? 90_000, [
      kubelet.process,
      containerd.process,
      kubeProxy,
    ]);
    progress(
      `[testenv] node ${NODE_NAME} (${NODE_IP}) is Ready: containerd, kubelet, kube-proxy, CoreDNS at ${dns.serviceIp}, Traefik at ${ingress.httpUrl}`,
    );
    return {
      name: NODE_NAME,
      ip: NODE_IP,
      registry: registry.address,
      ingressUrl: ingress.httpUrl,
      logs,
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface NodeCondition {
  readonly type?: string;
  readonly status?: string;
  readonly message?: string;
}

async function waitForNodeReady(
  controlPlane: ControlPlane,
  timeoutMs: number,
  watched: readonly ManagedProcess[],
): Promise<void> {
  const tls = { ca: controlPlane.pki.caCert, cert: controlPlane.pki.adminCert, key: controlPlane.pki.adminKey };
  let last = 'not registered';
  await waitUntil(
    async () => {
      const response = await httpsGet(`${controlPlane.server}/api/v1/nodes/${NODE_NAME}`, tls);
      if (response.status !== 200) return false;
      const node = JSON.parse(response.body) as { status?: { conditions?: NodeCondition[] } };
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      last = ready ? `Ready=${ready.status}: ${ready.message ?? ''}` : 'no Ready condition';
      return ready?.status === 'True';
    },
    {
      what: `node ${NODE_NAME}`,
      timeoutMs,
      intervalMs: 500,
      aborted: () => {
        const dead = watched.find((p) => !p.running);
        return dead
          ? `${dead.options.name} exited; log tail:\n${dead.logTail()}\n(last node state: ${last})`
          : undefined;
      },
    },
  ).catch((error: unknown) => {
    const kubeletLog = watched[0]?.logTail(30) ?? '';
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (last node state: ${last})\nkubelet log tail:\n${kubeletLog}`,
    );
  });
}

/** The image list the image build wrote (see deploy/images), for callers that did not build in-process. */
export function readImageIndex(file: string): LocalImage[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} is not a list of images`);
  return parsed.map((entry: unknown, i) => {
    const e = entry as Partial<Record<keyof LocalImage, unknown>>;
    if (typeof e.name !== 'string' || typeof e.archive !== 'string' || typeof e.id !== 'string')
      throw new Error(`${file}: entry ${i} needs name, archive and id`);
    return { name: e.name, archive: e.archive, id: e.id };
  });
}
