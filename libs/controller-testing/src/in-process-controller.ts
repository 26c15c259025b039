/** One trigger controller under test, running in the test's process with the ServiceAccount's clients, scoped to one namespace. */
import { silentLogger, type RunningController, type TriggerControllerOptions } from '@kubeless-ts/controller-kit';
import type { KubeClients } from '@kubeless-ts/k8s';
import type { ControllerCluster } from './controller-cluster.js';
import { createNamespace, uniqueName } from './controller-test-cluster.js';

export interface RunningTestController {
  /** The one namespace it watches, made for it and deleted by `stop`. */
  readonly ns: string;
  readonly controller: RunningController;
  /** Idempotent; the cluster calls it after all if the spec did not. */
  stop(): Promise<void>;
}

export interface InProcessControllerOptions {
  /** The field manager the controller's clients write with. */
  readonly fieldManager: string;
  /** Prepares the watched namespace before the controller starts (e.g. its Pod Security level). */
  readonly prepareNamespace?: (admin: KubeClients, ns: string) => Promise<void>;
  /** The controller's start, given the common options: its clients, its namespace and a Lease of its own. */
  readonly start: (options: TriggerControllerOptions<KubeClients>) => RunningController;
}

export async function startControllerInProcess(
  cluster: ControllerCluster,
  options: InProcessControllerOptions,
): Promise<RunningTestController> {
  const { admin, account, controllerNamespace } = cluster;
  const ns = await createNamespace(admin, cluster.prefix);
  await options.prepareNamespace?.(admin, ns);
  const stop = new AbortController();
  const identity = uniqueName('test');
  const controller = options.start({
    clients: await account.clients(options.fieldManager),
    watchNamespace: ns,
    leaderElection: { namespace: controllerNamespace, name: uniqueName(cluster.app.name), identity },
    identity,
    signal: stop.signal,
    logger: silentLogger(),
    processMetrics: false,
  });
  const running: RunningTestController = {
    ns,
    controller,
    stop: async () => {
      stop.abort();
      await controller.done;
      await admin.namespaces.delete(ns, { ignoreNotFound: true });
    },
  };
  // Stopped after all at the latest, while its ServiceAccount and Lease namespace still exist.
  cluster.onTeardown(running.stop);
  return running;
}

/** A controller started before each test and stopped after it; its namespace and caches while a test runs. */
export function useControllerPerTest(start: () => Promise<RunningTestController>): Omit<RunningTestController, 'stop'> {
  let running: RunningTestController | undefined;
  beforeEach(async () => {
    running = await start();
  });
  afterEach(async () => {
    await running?.stop();
  });
  const current = (): RunningTestController => {
    if (running === undefined) throw new Error('the controller runs from beforeEach; use it in a test');
    return running;
  };
  return {
    get ns() {
      return current().ns;
    },
    get controller() {
      return current().controller;
    },
  };
}
