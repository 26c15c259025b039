import { jitteredBackoff, type BackoffOptions } from './backoff.js';
import { realClock, sleep, type Clock } from './clock.js';
import { deepFreeze } from './deep-freeze.js';
import { isGone } from './error-code.js';
import { Indexer, NAMESPACE_INDEX, type IndexFunc } from './indexer.js';
import { silentLogger, type Logger } from './logger.js';
import { objectKey } from './object-key.js';
import type { KubeObject, ListWatch, WatchEventType } from './ports.js';

export interface EventHandler<T> {
  onAdd?(obj: Readonly<T>): void;
  onUpdate?(oldObj: Readonly<T>, newObj: Readonly<T>): void;
  /** Receives the last state the cache knew, also for deletions only noticed on a relist. */
  onDelete?(obj: Readonly<T>): void;
}

export interface InformerOptions<T> {
  /** The watched resource, for logs (e.g. `functions`). */
  readonly name: string;
  readonly listWatch: ListWatch<T>;
  readonly indexers?: Readonly<Record<string, IndexFunc<T>>>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Restart delays after errors; defaults 1 s doubling to 30 s. */
  readonly backoff?: BackoffOptions;
  /** A list+watch that stayed healthy this long starts the backoff over (default 60 s). */
  readonly backoffResetMs?: number;
  readonly random?: () => number;
}

/**
 * A cache of one resource kept current by list + watch (client-go's shared
 * informer). Unlike the stock client-node informer it never stops: any error
 * restarts it after a jittered backoff, a 410 Gone relists at once, and a
 * relist reports objects that vanished meanwhile as deletions.
 */
export class Informer<T extends KubeObject> {
  private readonly cache: Indexer<T>;
  private readonly handlers = new Set<EventHandler<T>>();
  private readonly syncWaiters = new Set<() => void>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly backoff: BackoffOptions;
  private readonly backoffResetMs: number;
  private readonly random: () => number;
  private synced = false;
  private running = false;
  private resourceVersion = '';
  private eventsSinceList = 0;

  constructor(private readonly options: InformerOptions<T>) {
    this.cache = new Indexer(options.indexers);
    this.clock = options.clock ?? realClock();
    this.logger = (options.logger ?? silentLogger()).child({ informer: options.name });
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
    this.backoffResetMs = options.backoffResetMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  get name(): string {
    return this.options.name;
  }

  /** True once the first list is in the cache; stays true across later restarts. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once synced, or false if the signal aborts first. */
  waitForSync(signal: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onSynced = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      const onAbort = (): void => {
        this.syncWaiters.delete(onSynced);
        resolve(false);
      };
      this.syncWaiters.add(onSynced);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get(key: string): Readonly<T> | undefined {
    return this.cache.get(key);
  }

  list(namespace?: string): Readonly<T>[] {
    return namespace === undefined ? this.cache.list() : this.cache.byIndex(NAMESPACE_INDEX, namespace);
  }

  byIndex(indexName: string, value: string): Readonly<T>[] {
    return this.cache.byIndex(indexName, value);
  }

  /** Registers a handler; a handler added after sync first sees every cached object as an add. */
  addEventHandler(handler: EventHandler<T>): () => void {
    this.handlers.add(handler);
    if (this.synced) for (const obj of this.cache.list()) this.call(() => handler.onAdd?.(obj));
    return () => this.handlers.delete(handler);
  }

  /** Lists and watches until the signal aborts; errors only restart it (it rejects only if already running). */
  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error(`informer ${this.name} is already running`);
    this.running = true;
    let failures = 0;
    let gonesInARow = 0;
    while (!signal.aborted) {
      let listedAt = this.clock.now();
      this.eventsSinceList = 0;
      try {
        await this.relist(signal);
        listedAt = this.clock.now();
        await this.watchLoop(signal);
      } catch (error) {
        if (signal.aborted) break;
        const progressed = this.eventsSinceList > 0;
        if (progressed || this.clock.now() - listedAt >= this.backoffResetMs) failures = 0;
        gonesInARow = !isGone(error) ? 0 : progressed ? 1 : gonesInARow + 1;
        // The resource version fell out of etcd's window: only a fresh list can tell what changed, and waiting gains nothing.
        if (gonesInARow === 1) {
          this.logger.info({ resourceVersion: this.resourceVersion }, 'watch expired (410 Gone); relisting');
          continue;
        }
        const delayMs = jitteredBackoff(this.backoff, failures++, this.random);
        this.logger.warn({ err: error, delayMs, attempt: failures }, 'list/watch failed; restarting after backoff');
        await sleep(this.clock, delayMs, signal);
      }
    }
    this.running = false;
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const result = await this.options.listWatch.list(signal);
    const seen = new Set<string>();
    for (const item of result.items) {
      const obj = deepFreeze(item);
      const key = objectKey(obj);
      seen.add(key);
      const old = this.cache.upsert(key, obj);
      if (old === undefined) this.notify((h) => h.onAdd?.(obj));
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion)
        this.notify((h) => h.onUpdate?.(old, obj));
    }
    // Deletions that happened while we were not watching are only visible as absences.
    for (const key of this.cache.keys()) {
      if (seen.has(key)) continue;
      const old = this.cache.delete(key);
      if (old !== undefined) this.notify((h) => h.onDelete?.(old));
    }
    this.resourceVersion = result.resourceVersion;
    if (!this.synced) {
      this.synced = true;
      for (const waiter of [...this.syncWaiters]) waiter();
      this.syncWaiters.clear();
      this.logger.debug({ items: result.items.length }, 'cache synced');
    }
  }

  /** Re-watches from the last seen version each time the server closes the watch; returns only on abort. */
  private async watchLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.options.listWatch.watch(this.resourceVersion, (type, obj) => this.apply(type, obj), signal);
    }
  }

  private apply(type: WatchEventType, item: T): void {
    this.eventsSinceList++;
    const version = item.metadata?.resourceVersion;
    if (version !== undefined && version !== '') this.resourceVersion = version;
    if (type === 'BOOKMARK') return;
    const obj = deepFreeze(item);
    const key = objectKey(obj);
    if (type === 'DELETED') {
      const old = this.cache.delete(key);
      this.notify((h) => h.onDelete?.(old ?? obj));
      return;
    }
    const old = this.cache.upsert(key, obj);
    if (old === undefined) this.notify((h) => h.onAdd?.(obj));
    else this.notify((h) => h.onUpdate?.(old, obj));
  }

  private notify(deliver: (handler: EventHandler<T>) => void): void {
    for (const handler of this.handlers) this.call(() => deliver(handler));
  }

  /** A throwing handler must not take the informer (or other handlers) down with it. */
  private call(deliver: () => void): void {
    try {
      deliver();
    } catch (error) {
      this.logger.error({ err: error }, 'event handler threw');
    }
  }
}
