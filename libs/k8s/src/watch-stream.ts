/**
 * Reads a watch response (one JSON event per line) and hands each event on.
 * An ERROR event carries a Status; it becomes an HttpStatusError with the
 * Status' code so a 410 inside the stream maps to KBL_ERR_GONE exactly like
 * a 410 answer to the watch request itself.
 */
import type { Readable } from 'node:stream';
import { HttpStatusError } from './api-transport.js';

export const WatchEventTypes = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'] as const;
export type WatchEventType = (typeof WatchEventTypes)[number];

export interface WatchEvent<T> {
  readonly type: WatchEventType;
  /** For BOOKMARK only `metadata.resourceVersion` is set. */
  readonly object: T;
}

export interface WatchStreamOptions {
  /** No bytes for this long means a dead connection (the server sends bookmarks or closes at timeoutSeconds). */
  readonly idleTimeoutMs: number;
}

function isWatchEventType(value: unknown): value is WatchEventType {
  return typeof value === 'string' && (WatchEventTypes as readonly string[]).includes(value);
}

function statusCode(object: unknown): number {
  if (typeof object === 'object' && object !== null) {
    const code = (object as { code?: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return 500;
}

function handleLine<T>(line: string, onEvent: (event: WatchEvent<T>) => void): void {
  if (line.trim() === '') return;
  const parsed = JSON.parse(line) as { type?: unknown; object?: unknown };
  if (parsed.type === 'ERROR')
    throw new HttpStatusError(statusCode(parsed.object), JSON.stringify(parsed.object ?? {}), {});
  // Types added by future API versions are skipped rather than guessed at.
  if (isWatchEventType(parsed.type)) onEvent({ type: parsed.type, object: parsed.object as T });
}

/** Resolves when the server ends the stream; rejects on a socket error, an ERROR event, a bad line or a dead connection. */
export async function consumeWatchStream<T>(
  body: Readable,
  onEvent: (event: WatchEvent<T>) => void,
  options: WatchStreamOptions,
): Promise<void> {
  let idle: NodeJS.Timeout | undefined;
  const armIdleTimer = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      const error = new Error(`no data on the watch for ${options.idleTimeoutMs} ms`);
      error.name = 'TimeoutError';
      body.destroy(error);
    }, options.idleTimeoutMs);
  };
  let pending = '';
  // Decoding per stream, not per chunk, keeps multi-byte characters split across chunks intact.
  body.setEncoding('utf8');
  try {
    armIdleTimer();
    for await (const chunk of body) {
      armIdleTimer();
      pending += String(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        handleLine(pending.slice(0, newline), onEvent);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
    handleLine(pending, onEvent);
  } finally {
    if (idle) clearTimeout(idle);
    body.destroy();
  }
}
