import type { KubelessFunction } from '@kubeless-ts/api';
import type { ListWatch } from '@kubeless-ts/controller-kit';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, Service } from '@kubeless-ts/k8s';

/**
 * What the caches keep of each child: the reconciler reads only metadata
 * (names, labels, owner references, the applied-hash annotation) and, for a
 * Deployment, its replica count and status. Dropping the rest (managedFields,
 * the ConfigMap's copy of the code, pod templates) keeps a controller with
 * thousands of Functions small.
 */
type Child = ConfigMap | Service | Deployment | HorizontalPodAutoscaler;

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
  if (obj.spec !== undefined) projected.spec = { replicas: obj.spec.replicas, selector: obj.spec.selector, template: {} };
  if (obj.status !== undefined) projected.status = obj.status;
  return projected;
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
