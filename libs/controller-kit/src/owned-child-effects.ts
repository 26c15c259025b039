import { applyOptions, applyOwnedChild, type ApplyWriteOptions, type ChildWriter } from './owned-apply.js';
import type { OwnedChildEffects, StatusOwner } from './owned-child-reconciler.js';
import type { KubeObject } from './ports.js';

/** An owner as the API server knows it: group version, kind and spec besides its metadata and status. */
export interface ApiOwner extends StatusOwner {
  readonly apiVersion: string;
  readonly spec: unknown;
}

/** The child's client as the effects need it; a `ResourceClient` of libs/k8s has these. */
export interface ChildClient<C extends KubeObject> extends ChildWriter<C> {
  delete(
    name: string,
    options: {
      readonly namespace: string;
      readonly preconditions: { readonly uid: string };
      readonly propagationPolicy?: 'Background' | 'Foreground';
      readonly ignoreNotFound: boolean;
      readonly signal: AbortSignal;
    },
  ): Promise<unknown>;
}

/** What goes to the status subresource: the owner's identity and new status (and its spec, which the server ignores there). */
export type OwnerStatusPatch<T extends ApiOwner, S> = Pick<T, 'apiVersion' | 'kind' | 'spec'> & {
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly status: S;
};

/** The owner's client: its status subresource, written by server-side apply; `R`, what the server returns. */
export interface OwnerStatusClient<P, R = unknown> {
  applyStatus(object: P, options: ApplyWriteOptions): Promise<R>;
}

/** Records a Warning Event about the owner (libs/k8s's EventRecorder). */
export interface OwnerEvents {
  record(
    involved: {
      readonly apiVersion: string;
      readonly kind: string;
      readonly name: string;
      readonly namespace?: string;
      readonly uid?: string;
    },
    event: { readonly type: 'Warning'; readonly reason: string; readonly action: string; readonly note: string },
    signal?: AbortSignal,
  ): Promise<void>;
}

export interface OwnedChildEffectsOptions<T extends ApiOwner, C extends KubeObject, S> {
  readonly children: ChildClient<C>;
  /** Its `applyStatus` returns the owner (a `ResourceClient` does), which stands in for the lagging cache. */
  readonly owners: OwnerStatusClient<OwnerStatusPatch<T, S>, T>;
  readonly events: OwnerEvents;
  /** How the child's own children go with it (a CronJob's Jobs: 'Background'); the server default otherwise. */
  readonly propagationPolicy?: 'Background' | 'Foreground';
}

/** The effects every owned-child controller performs, on real clients. */
export function ownedChildEffects<T extends ApiOwner, C extends KubeObject, S>(
  options: OwnedChildEffectsOptions<T, C, S>,
): OwnedChildEffects<T, C, S> {
  const { children, owners, events, propagationPolicy } = options;
  return {
    async applyChild(child, existingUid, signal) {
      // Forced (fields edited by hand on our child are taken back), but create-only or
      // pinned to our uid: the cache that said "ours" or "absent" may lag.
      const result = await applyOwnedChild(children, child, { existingUid, signal });
      return result.applied ? 'applied' : 'not-owned';
    },
    async deleteChild(namespace, name, uid, signal) {
      await children.delete(name, {
        namespace,
        preconditions: { uid },
        ...(propagationPolicy === undefined ? {} : { propagationPolicy }),
        ignoreNotFound: true,
        signal,
      });
    },
    async applyStatus(owner, status, signal) {
      const { name, namespace } = owner.metadata;
      // The server ignores spec on the status subresource; it is sent only because the owner's type requires it.
      const patch: OwnerStatusPatch<T, S> = {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        metadata: { name, namespace },
        spec: owner.spec,
        status,
      };
      return owners.applyStatus(patch, applyOptions(signal));
    },
    async warn(owner, reason, message, signal) {
      const { name = '', namespace, uid } = owner.metadata;
      await events.record(
        { apiVersion: owner.apiVersion, kind: owner.kind, name, namespace, uid },
        { type: 'Warning', reason, action: 'Reconcile', note: message },
        signal,
      );
    },
  };
}
