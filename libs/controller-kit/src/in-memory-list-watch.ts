import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { objectKey } from './object-key.js';
import type { KubeObject, ListResult, ListWatch, WatchEventType } from './ports.js';

interface ActiveWatch<T> {
  readonly onEvent: (type: WatchEventType, obj: T) => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface RecordedEvent<T> {
  readonly version: number;
  readonly type: WatchEventType;
  readonly obj: T;
}

/**
 * An in-memory API server for one resource, for unit tests of informers and
 * controllers: it keeps versions and an event history like etcd, so a watch
 * from an old version replays what it missed, and `compact` makes old
 * versions answer 410 Gone.
 */
export class InMemoryListWatch<T extends KubeObject> implements ListWatch<T> {
  private readonly objects = new Map<string, T>();
  private readonly history: RecordedEvent<T>[] = [];
  private readonly watches = new Set<ActiveWatch<T>>();
  private readonly failures: unknown[] = [];
  private version = 0;
  private compactedBefore = 0;
  listCalls = 0;
  watchCalls = 0;

  /** The next `list` or `watch` call fails with this error, in order. */
  failNext(error: unknown): void {
    this.failures.push(error);
  }

  upsert(obj: T): T {
    const key = objectKey(obj);
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    const stored = this.stamp(obj);
    this.objects.set(key, stored);
    this.emit(type, stored);
    return stored;
  }

  delete(key: string): void {
    const obj = this.objects.get(key);
    if (obj === undefined) return;
    this.objects.delete(key);
    this.emit('DELETED', this.stamp(obj));
  }

  /** Removes an object without telling any watcher, as if the event fell into a gap. */
  deleteSilently(key: string): void {
    this.objects.delete(key);
  }

  /** Forgets history up to now: watches from older versions get 410 Gone. */
  compact(): void {
    this.version++;
    this.compactedBefore = this.version;
    this.history.length = 0;
  }

  /** Ends every open watch with an error, as a dropped connection would. */
  breakWatches(error: unknown): void {
    for (const watch of [...this.watches]) watch.reject(error);
  }

  /** Ends every open watch cleanly, as the server's watch timeout does. */
  closeWatches(): void {
    for (const watch of [...this.watches]) watch.resolve();
  }

  activeWatches(): number {
    return this.watches.size;
  }

  async list(_signal: AbortSignal): Promise<ListResult<T>> {
    this.listCalls++;
    this.throwIfFailing();
    return { items: [...this.objects.values()].map((o) => structuredClone(o)), resourceVersion: String(this.version) };
  }

  watch(resourceVersion: string, onEvent: (type: WatchEventType, obj: T) => void, signal: AbortSignal): Promise<void> {
    this.watchCalls++;
    return new Promise<void>((resolve, reject) => {
      this.throwIfFailing();
      const from = Number(resourceVersion);
      if (from < this.compactedBefore)
        throw new KubelessError({
          code: ErrorCodes.GONE.code,
          message: `too old resource version: ${resourceVersion}`,
        });
      const watch: ActiveWatch<T> = {
        onEvent,
        resolve: () => finish(() => resolve()),
        reject: (error) => finish(() => reject(error)),
      };
      const finish = (end: () => void): void => {
        this.watches.delete(watch);
        signal.removeEventListener('abort', watch.resolve);
        end();
      };
      signal.addEventListener('abort', watch.resolve, { once: true });
      if (signal.aborted) return watch.resolve();
      for (const event of this.history) if (event.version > from) onEvent(event.type, structuredClone(event.obj));
      this.watches.add(watch);
    });
  }

  private throwIfFailing(): void {
    if (this.failures.length > 0) throw this.failures.shift();
  }

  private stamp(obj: T): T {
    this.version++;
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.version) } };
  }

  private emit(type: WatchEventType, obj: T): void {
    this.history.push({ version: this.version, type, obj });
    for (const watch of this.watches) watch.onEvent(type, structuredClone(obj));
  }
}
