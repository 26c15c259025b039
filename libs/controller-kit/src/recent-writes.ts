/**
 * Read-your-writes for informer caches. A reconcile that just wrote an object
 * (a child, or its owner's status) is usually followed by another one (the
 * child's own watch event wakes the owner) before the cache has caught up; without this, the second pass
 * sees "missing" or an old version and writes again. What was written is
 * remembered briefly and preferred while it is newer than the cache.
 *
 * resourceVersions are ordered by the kit's compareResourceVersions (the
 * Kubernetes v1.35 rule, docs/adr/0019); versions it cannot order count as
 * "cache wins". A
 * record also expires after `ttlMs`, so a deletion that raced the record can
 * only hide for that long (the reconciler re-checks after it).
 */
import type { KubeObject } from './ports.js';
import { compareResourceVersions } from './resource-version.js';

interface Entry<T> {
  readonly object: Readonly<T>;
  readonly at: number;
}

export const RECENT_WRITE_TTL_MS = 10_000;

export class RecentWrites<T extends KubeObject> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = RECENT_WRITE_TTL_MS,
  ) {}

  remember(key: string, object: Readonly<T>): void {
    this.entries.set(key, { object, at: this.now() });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** The fresher of the cached object and the one written here; `usedRecord` tells the caller to look again once records expire. */
  fresher(key: string, cached: Readonly<T> | undefined): { object: Readonly<T> | undefined; usedRecord: boolean } {
    const entry = this.entries.get(key);
    if (entry === undefined) return { object: cached, usedRecord: false };
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return { object: cached, usedRecord: false };
    }
    const order = compareResourceVersions(cached?.metadata?.resourceVersion, entry.object.metadata?.resourceVersion);
    if (cached !== undefined && (order === undefined || order >= 0)) {
      // The cache caught up (or versions cannot be compared): it is the truth again.
      this.entries.delete(key);
      return { object: cached, usedRecord: false };
    }
    return { object: entry.object, usedRecord: true };
  }

  get size(): number {
    return this.entries.size;
  }
}
