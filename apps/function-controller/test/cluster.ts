/** Shared setup of the integration specs: real clients, CRDs, namespaces, a controller per spec, polling assertions. */
import { randomBytes } from 'node:crypto';
import { crdManifest, defaultKubelessConfigData, KUBELESS_KINDS } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { RunningController } from '@kubeless-ts/controller-kit';
import { silentLogger } from '@kubeless-ts/controller-kit';
import { createKubeClients, type CustomResourceDefinition, type KubeClients, type ReplicaSet } from '@kubeless-ts/k8s';
import { eventually as retryUntilPasses } from '@kubeless-ts/test-support';
import { startFunctionController } from '../src/function-controller.js';

export async function clientsFor(kubeconfig: string, tokenFile?: string): Promise<KubeClients> {
  return createKubeClients({ kubeconfig, tokenFile, fieldManager: 'kubeless-function-controller', env: {} });
}

export async function ensureCrds(clients: KubeClients): Promise<void> {
  await clients.installCrds(KUBELESS_KINDS.map((kind) => crdManifest(kind) as unknown as CustomResourceDefinition));
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function createNamespace(clients: KubeClients, prefix: string): Promise<string> {
  const name = uniqueName(`fc-${prefix}`);
  await clients.namespaces.create({ metadata: { name } });
  return name;
}

export async function deleteNamespaces(clients: KubeClients, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => clients.namespaces.delete(name, { ignoreNotFound: true })));
}

/** The one retry helper (libs/test-support), with this project's patience: 45 s, every 200 ms. */
export function eventually<T>(probe: () => Promise<T>, timeoutMs = 45_000): Promise<T> {
  return retryUntilPasses(probe, { timeoutMs, intervalMs: 200 });
}

/** A kubeless-config scoped to one functions namespace, so controllers of parallel specs never touch each other's Functions. */
export async function createKubelessConfig(
  clients: KubeClients,
  kubelessNamespace: string,
  functionsNamespace: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const data = {
    ...defaultKubelessConfigData({ imageRepository: 'registry.test/kubeless-ts', functionsNamespace }),
    ...extra,
  };
  await clients.configMaps.create({ metadata: { name: 'kubeless-config', namespace: kubelessNamespace }, data });
}

export interface TestController {
  readonly running: RunningController;
  stop(): Promise<void>;
}

export async function startTestController(
  clients: KubeClients,
  kubelessNamespace: string,
  options: { leaderElection?: boolean; overrides?: Record<string, string> } = {},
): Promise<TestController> {
  const stop = new AbortController();
  const running = await startFunctionController({
    clients,
    signal: stop.signal,
    kubelessNamespace,
    configName: 'kubeless-config',
    identity: uniqueName('test'),
    leaderElection: options.leaderElection ?? false,
    runtimeImageOverrides: options.overrides,
    logger: silentLogger(),
    processMetrics: false,
  });
  return {
    running,
    stop: async () => {
      stop.abort();
      await running.done;
    },
  };
}

/**
 * Why a pod of a plain test Function is not ready depends on the environment: with no
 * node the scheduler reports it Unschedulable, a kubelet cannot pull registry.test
 * images, and a pod merely starting is MinimumReplicasUnavailable
 * (failure-reasons.int.spec.ts pins each reason).
 */
export const NOT_RUNNING: readonly string[] = ['MinimumReplicasUnavailable', 'Unschedulable', 'ImagePullFailed'];

export function readyCondition(
  fn: KubelessFunction | undefined,
): { status?: string; reason?: string; message?: string; observedGeneration?: number } | undefined {
  return fn?.status?.conditions?.find((condition) => condition.type === 'Ready');
}

export async function replicaSetsOf(
  clients: KubeClients,
  namespace: string,
  deployment: string,
): Promise<ReplicaSet[]> {
  const page = await clients.replicaSets.list({ namespace, labelSelector: `function=${deployment}` });
  return page.items.filter((rs) =>
    rs.metadata?.ownerReferences?.some((ref) => ref.kind === 'Deployment' && ref.name === deployment),
  );
}

/** The kubelet stand-in the CLI's specs share (libs/controller-testing). */
export { reportPodsReady } from '@kubeless-ts/controller-testing';
