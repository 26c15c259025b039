// Messages between the HTTP thread and the function worker thread. Everything here
// must survive structured cloning, so there are no class instances or functions.
import type { EncodedCall, EncodedCallResult } from './call-codec.js';

export type HeaderValue = string | string[];
export type HeaderMap = Record<string, HeaderValue>;

/** What the handler sees as `event.extensions.request`, minus the helper methods. */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderMap;
  readonly query: Record<string, string | string[]>;
  readonly ip: string;
  readonly body: Uint8Array;
}

/** The Kubeless event without `extensions`, which the worker adds. */
export interface WireEvent {
  readonly data: unknown;
  readonly 'event-id': string | undefined;
  readonly 'event-type': string | undefined;
  readonly 'event-time': string | undefined;
  readonly 'event-namespace': string | undefined;
  /** CloudEvents binary-mode attributes, `ce-` prefix removed (e.g. `specversion`, `source`). */
  readonly ce: Readonly<Record<string, string>>;
}

export interface FunctionContext {
  readonly 'function-name': string;
  readonly timeout: string;
  readonly runtime: string;
  readonly 'memory-limit': string;
}

export interface WireResponse {
  readonly statusCode: number;
  readonly headers: HeaderMap;
  readonly body: string | Uint8Array;
}

export interface InvokeMessage {
  readonly id: number;
  readonly event: WireEvent;
  readonly context: FunctionContext;
  readonly request: WireRequest;
}

export type CallResult =
  | { readonly type: 'response'; readonly id: number; readonly response: WireResponse }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/**
 * Calls and results cross the thread boundary in batches: every call that arrives in one
 * turn of the event loop goes in one message, because the fixed cost of a message (clone
 * setup, wake-up of the other thread) otherwise dominates a small call (ADR 0004).
 */
export type ToWorker =
  { readonly type: 'invoke'; readonly calls: readonly EncodedCall[] } | { readonly type: 'ping'; readonly id: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'pong'; readonly id: number }
  | { readonly type: 'results'; readonly results: readonly EncodedCallResult[] };

/** Data the worker needs to load the user's module, passed as `workerData`. */
export interface WorkerSettings {
  readonly installVolume: string;
  readonly moduleName: string;
  readonly handlerName: string;
}
