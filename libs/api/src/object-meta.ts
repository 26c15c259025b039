/**
 * The parts of Kubernetes object metadata kubeless-ts reads or writes. Kept
 * here (not imported from the Kubernetes client) so the API lib, the CLI and
 * the runtimes stay free of the client; the k8s lib converts at its boundary.
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** A Kubernetes condition, as `kubectl wait --for=condition=X` reads it. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Embedded Kubernetes objects (Deployment, ServiceSpec, HPA) are kept as opaque JSON so unknown fields round-trip. */
export type EmbeddedObject = Record<string, unknown>;

export interface KubelessObject<Kind extends string, Spec, Status> {
  apiVersion: 'kubeless.io/v1beta1';
  kind: Kind;
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}
