import type { KubeObject } from './ports.js';
import { compareResourceVersions } from './resource-version.js';

/**
 * Read-your-writes for an owner's status. A status write is usually followed by another
 * pass (its child's watch event wakes the owner) before the owner's cache has seen the
 * write; that pass would find the old status and write the same one again, a write per
 * owner that converging never needed. The owner as our last status write returned it is
 * kept, and preferred while the cache holds an older version of it.
 *
 * A record never outlives its use: once the cache shows the same or a newer version, or
 * versions cannot be ordered (docs/adr/0019), the cache is the truth and the record goes;
 * an owner gone from the cache is gone, whatever was written.
 */
export class OwnerStatusWrites<T extends KubeObject> {
  private readonly written = new Map<string, Readonly<T>>();

  remember(key: string, owner: Readonly<T>): void {
    this.written.set(key, owner);
  }

  forget(key: string): void {
    this.written.delete(key);
  }

  /** The cached owner, or the one our status write returned while the cache is older. */
  fresher(key: string, cached: Readonly<T>): Readonly<T> {
    const written = this.written.get(key);
    if (written === undefined) return cached;
    const order = compareResourceVersions(cached.metadata?.resourceVersion, written.metadata?.resourceVersion);
    if (order === undefined || order >= 0) {
      this.written.delete(key);
      return cached;
    }
    return written;
  }
}
