import type { KubelessFunction } from '@kubeless-ts/api';
import type { HorizontalPodAutoscaler } from '@kubeless-ts/k8s';
import { childMetadata } from './child-metadata.js';
import { isJsonObject, mergeObjects } from './template-merge.js';

/** The autoscaling/v2 HPA `<fn>` when `spec.horizontalPodAutoscaler` is set; it always scales the function's own Deployment. */
export function desiredHorizontalPodAutoscaler(fn: Readonly<KubelessFunction>): HorizontalPodAutoscaler | undefined {
  const hpa = fn.spec.horizontalPodAutoscaler;
  if (hpa === undefined) return undefined;
  const userSpec = isJsonObject(hpa['spec']) ? hpa['spec'] : {};
  const spec = mergeObjects(
    userSpec,
    { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: fn.metadata.name ?? '' } },
    {},
  );
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: childMetadata(fn),
    spec,
  } as HorizontalPodAutoscaler;
}
