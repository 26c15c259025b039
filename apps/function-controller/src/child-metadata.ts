import { API_GROUP_VERSION, Labels } from '@kubeless-ts/api';
import type { KubelessFunction, OwnerReference } from '@kubeless-ts/api';

/** The one field manager of this controller: everything it applies is owned under this name. */
export const FIELD_MANAGER = 'kubeless-function-controller';

export const Annotations = {
  /** On the pod template: changes with the code, deps, checksum, runtime, handler, timeout or template, so each of them rolls out. */
  ROLLOUT_HASH: 'kubeless.io/rollout-hash',
  /** On every child: the hash of what was last applied, so an unchanged child is not re-applied on every reconcile. */
  APPLIED_HASH: 'kubeless.io/applied-hash',
} as const;

/** The Kubeless finalizer; children are garbage-collected through their owner now, so it is removed where found. */
export const LEGACY_FINALIZER = 'kubeless.io/function';

/** `created-by=kubeless` and `function=<name>`: what selectors, `kubeless function logs` and the conflict guard rely on. */
export function selectorLabels(fn: Readonly<KubelessFunction>): Record<string, string> {
  return { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE, [Labels.FUNCTION]: fn.metadata.name ?? '' };
}

/** The Function's own labels, then the two kubeless labels, which nothing may override. */
export function childLabels(
  fn: Readonly<KubelessFunction>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ...extra, ...fn.metadata.labels, ...selectorLabels(fn) };
}

export function controllerReference(fn: Readonly<KubelessFunction>): OwnerReference {
  return {
    apiVersion: API_GROUP_VERSION,
    kind: 'Function',
    name: fn.metadata.name ?? '',
    uid: fn.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export interface ChildMetadata {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences: OwnerReference[];
}

export function childMetadata(
  fn: Readonly<KubelessFunction>,
  labels: Readonly<Record<string, string>> = {},
  annotations?: Record<string, string>,
): ChildMetadata {
  const metadata: ChildMetadata = {
    name: fn.metadata.name ?? '',
    namespace: fn.metadata.namespace ?? '',
    labels: childLabels(fn, labels),
    ownerReferences: [controllerReference(fn)],
  };
  if (annotations !== undefined && Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return metadata;
}
