/**
 * Plain-JSON views of the Kubernetes objects kubeless-ts manages. client-node's
 * model classes declare timestamps as Date, but this lib never runs its
 * deserialiser: objects stay the JSON the API server sent, so `Plain` turns
 * every Date into the RFC 3339 string it really is.
 */
import type {
  AuthenticationV1TokenRequest,
  CoreV1Event,
  EventsV1Event,
  V1ClusterRole,
  V1ClusterRoleBinding,
  V1ConfigMap,
  V1CronJob,
  V1CustomResourceDefinition,
  V1Deployment,
  V1Endpoints,
  V1Ingress,
  V1Job,
  V1Lease,
  V1Namespace,
  V1ObjectMeta,
  V1Pod,
  V1ReplicaSet,
  V1Role,
  V1RoleBinding,
  V1Secret,
  V1SelfSubjectReview,
  V1Service,
  V1ServiceAccount,
  V2HorizontalPodAutoscaler,
  VersionInfo,
} from '@kubernetes/client-node';

export type Plain<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Plain<T[K]> }
      : T;

export type KubeObjectMeta = Plain<V1ObjectMeta>;
export type ConfigMap = Plain<V1ConfigMap>;
export type Secret = Plain<V1Secret>;
export type Service = Plain<V1Service>;
export type Endpoints = Plain<V1Endpoints>;
export type Deployment = Plain<V1Deployment>;
export type ReplicaSet = Plain<V1ReplicaSet>;
export type Pod = Plain<V1Pod>;
export type HorizontalPodAutoscaler = Plain<V2HorizontalPodAutoscaler>;
export type Ingress = Plain<V1Ingress>;
export type CronJob = Plain<V1CronJob>;
export type Job = Plain<V1Job>;
/** events.k8s.io/v1 Event (what controllers record). */
export type KubeEvent = Plain<EventsV1Event>;
/** core/v1 Event (what `kubectl describe` shows). */
export type CoreEvent = Plain<CoreV1Event>;
export type Lease = Plain<V1Lease>;
export type Namespace = Plain<V1Namespace>;
export type CustomResourceDefinition = Plain<V1CustomResourceDefinition>;
export type ServiceAccount = Plain<V1ServiceAccount>;
export type Role = Plain<V1Role>;
export type RoleBinding = Plain<V1RoleBinding>;
export type ClusterRole = Plain<V1ClusterRole>;
export type ClusterRoleBinding = Plain<V1ClusterRoleBinding>;
export type TokenRequest = Plain<AuthenticationV1TokenRequest>;
export type SelfSubjectReview = Plain<V1SelfSubjectReview>;
export type ServerVersion = Plain<VersionInfo>;
