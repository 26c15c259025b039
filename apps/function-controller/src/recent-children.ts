import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, Service } from '@kubeless-ts/k8s';
import { projectDeployment, projectMetadata } from './cache-projection.js';
import type { ExecuteResult } from './execute.js';
import { ChildKinds, type ChildKind, type ChildOf, type ChildTypes } from './plan.js';
import { RecentWrites } from '@kubeless-ts/controller-kit';

/** What this controller wrote recently, per kind, keyed like the caches (see recent-writes.ts). */
export interface RecentChildren {
  readonly functions: RecentWrites<KubelessFunction>;
  readonly configMaps: RecentWrites<ConfigMap>;
  readonly services: RecentWrites<Service>;
  readonly deployments: RecentWrites<Deployment>;
  readonly horizontalPodAutoscalers: RecentWrites<HorizontalPodAutoscaler>;
}

export function recentChildren(): RecentChildren {
  return {
    functions: new RecentWrites(),
    configMaps: new RecentWrites(),
    services: new RecentWrites(),
    deployments: new RecentWrites(),
    horizontalPodAutoscalers: new RecentWrites(),
  };
}

/** The record of each kind, typed for its own objects. */
type Recorders = { readonly [K in ChildKind]: RecentWrites<ChildTypes[K]> };

function recorders(recent: RecentChildren): Recorders {
  return {
    [ChildKinds.CONFIG_MAP]: recent.configMaps,
    [ChildKinds.SERVICE]: recent.services,
    [ChildKinds.DEPLOYMENT]: recent.deployments,
    [ChildKinds.HPA]: recent.horizontalPodAutoscalers,
  };
}

/** Records keep what the caches keep (cache-projection.ts). */
const PROJECTIONS: { readonly [K in ChildKind]: (object: ChildTypes[K]) => ChildTypes[K] } = {
  [ChildKinds.CONFIG_MAP]: projectMetadata,
  [ChildKinds.SERVICE]: projectMetadata,
  [ChildKinds.DEPLOYMENT]: projectDeployment,
  [ChildKinds.HPA]: projectMetadata,
};

function remember<K extends ChildKind>(records: Recorders, key: string, child: ChildOf<K>): void {
  records[child.kind].remember(key, PROJECTIONS[child.kind](child.object));
}

/** Read-your-writes: what execute applied stands in for the caches until they catch up; what it deleted no longer does. */
export function recordWrites(recent: RecentChildren, key: string, result: ExecuteResult): void {
  const records = recorders(recent);
  for (const child of result.applied) remember(records, key, child);
  for (const kind of result.deleted) records[kind].forget(key);
}
