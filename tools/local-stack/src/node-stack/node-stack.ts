import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { startEnvironment, type Environment, type LocalImage } from '@kubeless-ts/testenv';
import { buildCliBundle } from './cli-bundle.js';
import { installChart } from './chart-release.js';

export interface NodeStackOptions {
  readonly workspaceRoot: string;
  readonly progress: (line: string) => void;
  /** Builds (or finds, when nothing changed) every image and returns them. */
  readonly buildImages: (progress: (line: string) => void) => Promise<readonly LocalImage[]>;
  /** Skip building the CLI bundle (it is fresh). */
  readonly skipBuild?: boolean;
}

export interface NodeStack {
  readonly kubeconfigPath: string;
  /** Kafka bootstrap servers, reachable from this machine and from pods. */
  readonly brokers: string;
  /** Where the Ingress controller serves HTTP triggers. */
  readonly ingressUrl: string;
  readonly cli: readonly string[];
  readonly clients: KubeClients;
  readonly environment: Environment;
  /** Resident memory of every process of the stack (control plane, Kafka, node daemons, containers), in MiB. */
  memoryMiB(): number;
  stop(): Promise<void>;
}

/**
 * Kubeless as an operator runs it: a real control plane and Kafka, one real
 * node (containerd + kubelet + kube-proxy, cluster DNS, an Ingress
 * controller) pulling images built here, and the Helm chart installed on it.
 * Nothing of Kubeless runs outside a container but the CLI.
 */
export async function startNodeStack(options: NodeStackOptions): Promise<NodeStack> {
  const { workspaceRoot, progress } = options;
  const [images, cli] = await Promise.all([
    options.buildImages(progress),
    buildCliBundle({ workspaceRoot, progress, skip: options.skipBuild === true }),
  ]);
  const environment = await startEnvironment({ node: { images }, progress });
  try {
    const node = environment.node;
    if (node === undefined) throw new Error('the environment started without its node');
    const kubeconfigPath = environment.controlPlane.kubeconfigPath;
    const brokers = environment.kafka?.brokers.join(',') ?? '';
    const clients = await createKubeClients({
      kubeconfig: kubeconfigPath,
      fieldManager: 'kubeless-node-stack',
      env: {},
    });
    await installChart({ workspaceRoot, clients, kubeconfigPath, brokers, progress });
    return {
      kubeconfigPath,
      brokers,
      ingressUrl: node.ingressUrl,
      cli,
      clients,
      environment,
      memoryMiB: () => stackMemoryMiB(),
      stop: () => environment.stop(),
    };
  } catch (error) {
    await environment.stop();
    throw error;
  }
}

/**
 * Everything the stack runs lives under our process tree or under the
 * kubelet's pod cgroups; the memory cgroup of the pods plus our tree is the
 * stack's footprint.
 */
function stackMemoryMiB(): number {
  const pods = readNumber('/sys/fs/cgroup/memory/kubepods/memory.usage_in_bytes') / 1024 / 1024;
  return pods + treeRssMiB(process.pid);
}

function readNumber(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0;
  }
}

function treeRssMiB(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    const children = readFileSync(join('/proc', String(pid), 'task', String(pid), 'children'), 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    for (const child of children) total += treeRssMiB(child);
  } catch {
    // the process ended while we looked
  }
  return total;
}
