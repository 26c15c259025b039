import type { ListResult, ListWatch, WatchEventType } from '../src/ports.js';

/**
 * Wraps a real list-watch to provoke a real 410 Gone: it can drop events (as
 * a lost connection would) and end the open watch so the next one starts
 * from resourceVersion 1, which the API server has long compacted away.
 */
export class ExpiringListWatch<T> implements ListWatch<T> {
  lists = 0;
  private muted = false;
  private expireNext = false;
  private current: AbortController | undefined;

  constructor(private readonly inner: ListWatch<T>) {}

  list(signal: AbortSignal): Promise<ListResult<T>> {
    this.lists++;
    return this.inner.list(signal);
  }

  async watch(
    resourceVersion: string,
    onEvent: (type: WatchEventType, obj: T) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const own = new AbortController();
    this.current = own;
    const forward = (): void => own.abort();
    signal.addEventListener('abort', forward, { once: true });
    const from = this.expireNext ? '1' : resourceVersion;
    this.expireNext = false;
    try {
      await this.inner.watch(from, (type, obj) => !this.muted && onEvent(type, obj), own.signal);
    } finally {
      signal.removeEventListener('abort', forward);
    }
  }

  /** Drops every event from now on, until `expire`. */
  mute(): void {
    this.muted = true;
  }

  /** Ends the open watch; the informer's next watch asks for an expired version. */
  expire(): void {
    this.muted = false;
    this.expireNext = true;
    this.current?.abort();
  }
}
