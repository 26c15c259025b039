/**
 * What every integration spec of the function controller stands on: admin clients, the CRDs, a
 * namespace for kubeless-config and one for the Functions (so controllers of parallel specs
 * never touch each other's), and the controller under test, set up before the spec's tests and
 * torn down after them, in reverse.
 */
import type { KubelessFunction } from '@kubeless-ts/api';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import {
  clientsFor,
  createKubelessConfig,
  deleteNamespaces,
  ensureCrds,
  startTestController,
  uniqueName,
  type TestController,
} from './cluster.js';
import { startControllerProcess, stopProcess, type ControllerProcess } from './processes.js';

export interface SceneOptions {
  /** In this process (the default), as the real program in its own process, or none (the spec starts its own). */
  readonly controller?: 'in-process' | 'process' | 'none';
  /** kubeless-config keys on top of the defaults. */
  readonly config?: Readonly<Record<string, string>>;
  /** Labels of the Functions' namespace (e.g. the Pod Security Standard it enforces). */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

export interface FunctionScene {
  readonly clients: KubeClients;
  /** The Functions' namespace. */
  readonly ns: string;
  readonly kubelessNs: string;
  /** The controller in this process, when the scene started one that way. */
  readonly controller: TestController;
  /** The controller as a process, when the scene started one that way. */
  readonly process: ControllerProcess;
  create(fn: KubelessFunction): Promise<KubelessFunction>;
  getFn(name: string): Promise<KubelessFunction>;
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the scene's ${what} is used before beforeAll set it up`);
  return value;
}

/** Registers the spec's beforeAll/afterAll; `prefix` names its namespaces (fc-<prefix>-…). */
export function useFunctionScene(prefix: string, options: SceneOptions = {}): FunctionScene {
  const mode = options.controller ?? 'in-process';
  let clients: KubeClients | undefined;
  let ns: string | undefined;
  let kubelessNs: string | undefined;
  let inProcess: TestController | undefined;
  let child: ControllerProcess | undefined;

  beforeAll(async () => {
    clients = await clientsFor(sharedEnvironment().kubeconfigPath);
    await ensureCrds(clients);
    kubelessNs = uniqueName(`fc-${prefix}-kubeless`);
    ns = uniqueName(`fc-${prefix}-fns`);
    await clients.namespaces.create({ metadata: { name: kubelessNs } });
    await clients.namespaces.create({ metadata: { name: ns, labels: { ...options.namespaceLabels } } });
    await createKubelessConfig(clients, kubelessNs, ns, { ...options.config });
    if (mode === 'in-process') inProcess = await startTestController(clients, kubelessNs);
    if (mode === 'process') child = startControllerProcess(kubelessNs);
  });

  afterAll(async () => {
    await inProcess?.stop();
    if (child !== undefined) await stopProcess(child.child);
    if (clients !== undefined)
      await deleteNamespaces(
        clients,
        [ns, kubelessNs].filter((n) => n !== undefined),
      );
  });

  const scene: FunctionScene = {
    get clients() {
      return ready(clients, 'clients');
    },
    get ns() {
      return ready(ns, 'namespace');
    },
    get kubelessNs() {
      return ready(kubelessNs, 'kubeless namespace');
    },
    get controller() {
      return ready(inProcess, 'in-process controller');
    },
    get process() {
      return ready(child, 'controller process');
    },
    create: (fn) => scene.clients.functions.create({ ...fn, metadata: { ...fn.metadata, namespace: scene.ns } }),
    getFn: (name) => scene.clients.functions.get(name, { namespace: scene.ns }),
  };
  return scene;
}
