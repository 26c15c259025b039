import type { KubelessFunction } from '@kubeless-ts/api';
import type { ListWatch } from '@kubeless-ts/controller-kit';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, Job, Pod, Service } from '@kubeless-ts/k8s';
import { canonicalJson } from './canonical-hash.js';
import { Annotations } from './child-metadata.js';

/**
 * What the caches keep of each child: the reconciler reads only metadata
 * (names, labels, owner references, the applied-hash annotation) and, for a
 * Deployment, its replica count and status. Dropping the rest (managedFields,
 * the ConfigMap's copy of the code, pod templates) keeps a controller with
 * thousands of Functions small.
 */
type Child = ConfigMap | Service | Deployment | HorizontalPodAutoscaler | Job;

function slimMetadata<T extends Child>(obj: T): T['metadata'] {
  if (obj.metadata === undefined) return undefined;
  const { managedFields: _managedFields, ...metadata } = obj.metadata;
  return metadata;
}

export function projectMetadata<T extends ConfigMap | Service | HorizontalPodAutoscaler>(obj: T): T {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: slimMetadata(obj) } as T;
}

export function projectDeployment(obj: Deployment): Deployment {
  const projected: Deployment = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: slimMetadata(obj) };
  if (obj.spec !== undefined)
    projected.spec = { replicas: obj.spec.replicas, selector: obj.spec.selector, template: {} };
  if (obj.status !== undefined) projected.status = obj.status;
  return projected;
}

/** A build Job: whether it finished, and how (build-decision.ts reads nothing else). */
export function projectJob(obj: Job): Job {
  const conditions = (obj.status?.conditions ?? []).map(({ type, status, reason, message }) => ({
    type,
    status,
    reason,
    message,
  }));
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: slimMetadata(obj), status: { conditions } };
}

type PodStatus = NonNullable<Pod['status']>;
type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];
type ContainerState = NonNullable<ContainerStatus['state']>;

function slimState(state: ContainerState | undefined): ContainerState | undefined {
  if (state === undefined) return undefined;
  const { waiting, terminated, running } = state;
  if (waiting !== undefined) return { waiting: { reason: waiting.reason, message: waiting.message } };
  if (terminated !== undefined)
    return { terminated: { exitCode: terminated.exitCode, reason: terminated.reason, message: terminated.message } };
  return running === undefined ? {} : { running: {} };
}

function slimContainerStatus(status: ContainerStatus): ContainerStatus {
  return {
    name: status.name,
    image: status.image,
    imageID: '',
    ready: status.ready,
    restartCount: status.restartCount,
    state: slimState(status.state),
    lastState: slimState(status.lastState),
  };
}

/**
 * Pods are many and busy (every probe result, every restart): keep only what
 * readiness reads (pod-problems.ts), without timestamps, so that an update
 * which changes nothing read compares equal (podChanged) and is not queued.
 */
export function projectPod(pod: Pod): Pod {
  const metadata = pod.metadata ?? {};
  const hash = metadata.annotations?.[Annotations.ROLLOUT_HASH];
  const status = pod.status ?? {};
  const images = (containers: readonly { name: string; image?: string }[] | undefined) =>
    (containers ?? []).map(({ name, image }) => ({ name, image }));
  return {
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      resourceVersion: metadata.resourceVersion,
      labels: metadata.labels,
      ...(hash === undefined ? {} : { annotations: { [Annotations.ROLLOUT_HASH]: hash } }),
      ...(metadata.deletionTimestamp === undefined ? {} : { deletionTimestamp: metadata.deletionTimestamp }),
    },
    spec: { containers: images(pod.spec?.containers), initContainers: images(pod.spec?.initContainers) },
    status: {
      phase: status.phase,
      conditions: (status.conditions ?? [])
        .filter((condition) => condition.type === 'PodScheduled')
        .map(({ type, status: value, reason, message }) => ({ type, status: value, reason, message })),
      initContainerStatuses: (status.initContainerStatuses ?? []).map(slimContainerStatus),
      containerStatuses: (status.containerStatuses ?? []).map(slimContainerStatus),
    },
  };
}

/** Update predicate for projected pods: anything but the resourceVersion changed. */
export function podChanged(oldPod: Readonly<Pod>, newPod: Readonly<Pod>): boolean {
  const comparable = (pod: Readonly<Pod>): string =>
    canonicalJson({ ...pod, metadata: { ...pod.metadata, resourceVersion: undefined } });
  return comparable(oldPod) !== comparable(newPod);
}

/** Functions are read whole (the spec is the input) except for managedFields, which the server sends although the type does not declare them. */
export function projectFunction(fn: KubelessFunction): KubelessFunction {
  const metadata = fn.metadata as KubelessFunction['metadata'] & { managedFields?: unknown };
  if (metadata.managedFields === undefined) return fn;
  const { managedFields: _managedFields, ...rest } = metadata;
  return { ...fn, metadata: rest };
}

/** A ListWatch whose objects pass through `project` before any cache sees them. */
export function projectedListWatch<T>(source: ListWatch<T>, project: (obj: T) => T): ListWatch<T> {
  return {
    async list(signal) {
      const result = await source.list(signal);
      return { items: result.items.map(project), resourceVersion: result.resourceVersion };
    },
    watch(resourceVersion, onEvent, signal) {
      return source.watch(resourceVersion, (type, obj) => onEvent(type, project(obj)), signal);
    },
  };
}
