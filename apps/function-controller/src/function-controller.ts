import { Labels, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import {
  enqueueHandler,
  Informer,
  keyOf,
  objectKey,
  ownerKeys,
  runController,
  silentLogger,
  specOrMetadataChanged,
} from '@kubeless-ts/controller-kit';
import type { KeyMapper, ListWatch, Logger, RunningController } from '@kubeless-ts/controller-kit';
import {
  podChanged,
  projectDeployment,
  projectedListWatch,
  projectFunction,
  projectJob,
  projectMetadata,
  projectPod,
} from './cache-projection.js';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, Job, KubeClients, Pod, Service } from '@kubeless-ts/k8s';
import { BuildLabels } from './function-build.js';
import { ConfigSource } from './config-source.js';
import { FunctionReconciler, recentChildren } from './function-reconciler.js';
import type { RecentWrites } from '@kubeless-ts/controller-kit';
import type { RuntimeImageOverrides } from './function-runtime.js';

export const CONTROLLER_NAME = 'function-controller';
export const REPORTING_CONTROLLER = 'kubeless.io/function-controller';

export interface FunctionControllerOptions {
  readonly clients: KubeClients;
  readonly signal: AbortSignal;
  /** Where kubeless-config and the leader-election Lease live (`KUBELESS_NAMESPACE`, default `kubeless`). */
  readonly kubelessNamespace: string;
  /** `KUBELESS_CONFIG`, default `kubeless-config`. */
  readonly configName: string;
  /** This replica's name in Events and the Lease. */
  readonly identity: string;
  readonly runtimeImageOverrides?: RuntimeImageOverrides;
  readonly leaderElection?: boolean;
  readonly workers?: number;
  readonly logger?: Logger;
  readonly processMetrics?: boolean;
}

const KUBELESS_ONLY = `${Labels.CREATED_BY}=${Labels.CREATED_BY_VALUE}`;
/**
 * The pods of function Deployments only: `pod-template-hash` is set by the
 * ReplicaSet controller, so the Job pods of cron triggers, which carry the
 * same two kubeless labels, stay out of the cache.
 */
const FUNCTION_PODS = `${KUBELESS_ONLY},${Labels.FUNCTION},pod-template-hash`;
const FUNCTION_INDEX = 'function';
/** Build Jobs only: the cron trigger's Jobs carry created-by=kubeless too, but no build hash. */
const BUILD_JOBS = `${KUBELESS_ONLY},${BuildLabels.HASH}`;

function functionPodIndex(pod: Pod): string[] {
  const name = pod.metadata?.labels?.[Labels.FUNCTION];
  return name === undefined || name === '' ? [] : [keyOf({ namespace: pod.metadata?.namespace ?? '', name })];
}

/** Children map to their Function by controller reference, or by the `function` label for what Kubeless left without one. */
function functionKeys<
  T extends { metadata?: { namespace?: string; labels?: Record<string, string> } },
>(): KeyMapper<T> {
  const byOwner = ownerKeys<T>({ kind: 'Function', apiVersion: 'kubeless.io' });
  return (obj) => {
    const label = obj.metadata?.labels?.[Labels.FUNCTION];
    const byLabel =
      label === undefined || label === '' ? [] : [keyOf({ namespace: obj.metadata?.namespace ?? '', name: label })];
    return [...new Set([...byOwner(obj), ...byLabel])];
  };
}

/**
 * `functions-namespace` decides what the informers watch, so it is read once
 * at start; every other kubeless-config key is read live at reconcile time.
 */
async function functionsNamespace(options: FunctionControllerOptions): Promise<string | undefined> {
  const { clients, kubelessNamespace, configName, signal } = options;
  const configMap = await clients.configMaps.find(configName, { namespace: kubelessNamespace, signal });
  if (configMap === undefined) return undefined;
  const parsed = parseKubelessConfig(configMap.data ?? undefined);
  const namespace = parsed.ok ? parsed.value.functionsNamespace : (configMap.data?.['functions-namespace'] ?? '');
  return namespace === '' ? undefined : namespace;
}

/** Wires informers, the reconciler and the kit's runner; `main.ts` and tests call this with their own clients and signal. */
export async function startFunctionController(options: FunctionControllerOptions): Promise<RunningController> {
  const { clients, signal } = options;
  const logger = options.logger ?? silentLogger();
  const namespace = await functionsNamespace(options);
  logger.info(
    {
      functionsNamespace: namespace ?? '(all)',
      kubelessNamespace: options.kubelessNamespace,
      config: options.configName,
    },
    'starting function controller',
  );
  const children = { namespace, labelSelector: KUBELESS_ONLY };
  const watch = <T>(listWatch: ListWatch<T>, project: (obj: T) => T): ListWatch<T> =>
    projectedListWatch(listWatch, project);
  const functions = new Informer<KubelessFunction>({
    name: 'functions',
    listWatch: watch(clients.listWatch(clients.functions, { namespace }), projectFunction),
    logger,
  });
  const configMaps = new Informer<ConfigMap>({
    name: 'configmaps',
    listWatch: watch(clients.listWatch(clients.configMaps, children), projectMetadata),
    logger,
  });
  const services = new Informer<Service>({
    name: 'services',
    listWatch: watch(clients.listWatch(clients.services, children), projectMetadata),
    logger,
  });
  const deployments = new Informer<Deployment>({
    name: 'deployments',
    listWatch: watch(clients.listWatch(clients.deployments, children), projectDeployment),
    logger,
  });
  const hpas = new Informer<HorizontalPodAutoscaler>({
    name: 'horizontalpodautoscalers',
    listWatch: watch(clients.listWatch(clients.horizontalPodAutoscalers, children), projectMetadata),
    logger,
  });
  const pods = new Informer<Pod>({
    name: 'pods',
    listWatch: watch(clients.listWatch(clients.pods, { namespace, labelSelector: FUNCTION_PODS }), projectPod),
    indexers: { [FUNCTION_INDEX]: functionPodIndex },
    logger,
  });
  const jobs = new Informer<Job>({
    name: 'jobs',
    listWatch: watch(clients.listWatch(clients.jobs, { namespace, labelSelector: BUILD_JOBS }), projectJob),
    logger,
  });
  const configInformer = new Informer<ConfigMap>({
    name: 'kubeless-config',
    listWatch: clients.listWatch(clients.configMaps, {
      namespace: options.kubelessNamespace,
      fieldSelector: `metadata.name=${options.configName}`,
    }),
    logger,
  });
  const recent = recentChildren();
  // A deleted object must never be shadowed by what this controller wrote earlier.
  const forgetOnDelete = <T extends { metadata?: { name?: string; namespace?: string; resourceVersion?: string } }>(
    informer: Informer<T>,
    writes: RecentWrites<T>,
  ): void => {
    informer.addEventHandler({ onDelete: (obj) => writes.forget(objectKey(obj)) });
  };
  forgetOnDelete(functions, recent.functions);
  forgetOnDelete(configMaps, recent.configMaps);
  forgetOnDelete(services, recent.services);
  forgetOnDelete(deployments, recent.deployments);
  forgetOnDelete(hpas, recent.horizontalPodAutoscalers);
  const reconciler = new FunctionReconciler({
    caches: {
      functions,
      configMaps,
      services,
      deployments,
      horizontalPodAutoscalers: hpas,
      pods: { forFunction: (key) => pods.byIndex(FUNCTION_INDEX, key) },
      jobs,
    },
    recent,
    clients,
    config: new ConfigSource(configInformer, keyOf({ namespace: options.kubelessNamespace, name: options.configName })),
    events: clients.eventRecorder({ reportingController: REPORTING_CONTROLLER, reportingInstance: options.identity }),
    runtimeImageOverrides: options.runtimeImageOverrides,
  });
  const everyFunction = (enqueue: (key: string) => void) => (): void => {
    for (const fn of functions.list()) enqueue(objectKey(fn));
  };
  return runController({
    name: CONTROLLER_NAME,
    informers: [functions, configMaps, services, deployments, hpas, pods, jobs, configInformer],
    watches: [
      (add) => functions.addEventHandler(enqueueHandler(add, { updatePredicate: specOrMetadataChanged })),
      (add) => configMaps.addEventHandler(enqueueHandler(add, { keysFor: functionKeys<ConfigMap>() })),
      (add) => services.addEventHandler(enqueueHandler(add, { keysFor: functionKeys<Service>() })),
      (add) => deployments.addEventHandler(enqueueHandler(add, { keysFor: functionKeys<Deployment>() })),
      (add) => hpas.addEventHandler(enqueueHandler(add, { keysFor: functionKeys<HorizontalPodAutoscaler>() })),
      // A build Job finishing is what lets the Deployment run the built image.
      (add) => jobs.addEventHandler(enqueueHandler(add, { keysFor: functionKeys<Job>() })),
      // What the kubelet and the scheduler write on a pod is what the Ready condition explains.
      (add) =>
        pods.addEventHandler(
          enqueueHandler(add, { keysFor: (pod) => functionPodIndex(pod), updatePredicate: podChanged }),
        ),
      // Any edit of kubeless-config (a new runtime image, deployment defaults) may change every Function's children.
      (add) =>
        configInformer.addEventHandler({
          onAdd: everyFunction(add),
          onUpdate: everyFunction(add),
          onDelete: everyFunction(add),
        }),
    ],
    reconciler,
    workers: options.workers ?? 2,
    leaderElection:
      options.leaderElection === false
        ? undefined
        : {
            store: clients.leaseStore({ namespace: options.kubelessNamespace, name: CONTROLLER_NAME }),
            identity: options.identity,
          },
    signal,
    logger,
    processMetrics: options.processMetrics,
  });
}
