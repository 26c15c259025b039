import { API_GROUP, API_VERSION, ResourceKinds } from '@kubeless-ts/api';
import type { CronJobTrigger, HTTPTrigger, KafkaTrigger, KubelessFunction } from '@kubeless-ts/api';
import type {
  ClusterRole,
  ClusterRoleBinding,
  ConfigMap,
  CoreEvent,
  CronJob,
  CustomResourceDefinition,
  Deployment,
  Endpoints,
  HorizontalPodAutoscaler,
  Ingress,
  Job,
  KubeEvent,
  Lease,
  Namespace,
  Pod,
  ReplicaSet,
  Role,
  RoleBinding,
  Secret,
  Service,
  ServiceAccount,
} from './k8s-models.js';
import { defineResource } from './resource-type.js';

const kubeless = { group: API_GROUP, version: API_VERSION, namespaced: true } as const;

/** Every kind kubeless-ts reads or writes, with its API location. */
export const ResourceTypes = {
  Function: defineResource<KubelessFunction>({ ...kubeless, kind: ResourceKinds.Function.kind, plural: ResourceKinds.Function.plural }),
  HTTPTrigger: defineResource<HTTPTrigger>({ ...kubeless, kind: ResourceKinds.HTTPTrigger.kind, plural: ResourceKinds.HTTPTrigger.plural }),
  CronJobTrigger: defineResource<CronJobTrigger>({ ...kubeless, kind: ResourceKinds.CronJobTrigger.kind, plural: ResourceKinds.CronJobTrigger.plural }),
  KafkaTrigger: defineResource<KafkaTrigger>({ ...kubeless, kind: ResourceKinds.KafkaTrigger.kind, plural: ResourceKinds.KafkaTrigger.plural }),
  ConfigMap: defineResource<ConfigMap>({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true }),
  Secret: defineResource<Secret>({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true }),
  Service: defineResource<Service>({ group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true }),
  Endpoints: defineResource<Endpoints>({ group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true }),
  Pod: defineResource<Pod>({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true }),
  ServiceAccount: defineResource<ServiceAccount>({ group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true }),
  Namespace: defineResource<Namespace>({ group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false }),
  CoreEvent: defineResource<CoreEvent>({ group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true }),
  Deployment: defineResource<Deployment>({ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true }),
  ReplicaSet: defineResource<ReplicaSet>({ group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true }),
  HorizontalPodAutoscaler: defineResource<HorizontalPodAutoscaler>({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true }),
  Ingress: defineResource<Ingress>({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true }),
  CronJob: defineResource<CronJob>({ group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true }),
  Job: defineResource<Job>({ group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true }),
  Event: defineResource<KubeEvent>({ group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', namespaced: true }),
  Lease: defineResource<Lease>({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true }),
  CustomResourceDefinition: defineResource<CustomResourceDefinition>({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false }),
  Role: defineResource<Role>({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true }),
  RoleBinding: defineResource<RoleBinding>({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true }),
  ClusterRole: defineResource<ClusterRole>({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false }),
  ClusterRoleBinding: defineResource<ClusterRoleBinding>({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false }),
} as const;
