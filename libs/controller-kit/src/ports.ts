/**
 * The kit's view of the API server. libs/k8s implements these structurally, so
 * the kit never depends on a Kubernetes client and tests can use in-memory
 * fakes instead of mocking modules.
 */
import type { ObjectMeta } from '@kubeless-ts/api';

/** Any Kubernetes object: the kit reads only its metadata. */
export interface KubeObject {
  metadata?: ObjectMeta;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface ListWatch<T> {
  list(signal: AbortSignal): Promise<ListResult<T>>;
  /** Resolves when the watch ends (server closed it, or signal aborted); rejects on error. A 410 Gone rejects with an error whose `code` is 'KBL_ERR_GONE'. */
  watch(resourceVersion: string, onEvent: (type: WatchEventType, obj: T) => void, signal: AbortSignal): Promise<void>;
}

export interface LeaseRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  resourceVersion?: string;
}

export interface LeaseStore {
  get(signal: AbortSignal): Promise<LeaseRecord | undefined>;
  create(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord>;
  /** Must fail with code 'KBL_ERR_CONFLICT' when resourceVersion is stale. */
  update(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord>;
}
