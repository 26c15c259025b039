// Calls and results as flat arrays for the trip between threads. Structured cloning
// costs per object and per property: the nested call object (event, context, request,
// headers) cost ~13 µs per call on the HTTP thread in a microbenchmark on the 2-core dev
// machine, the same data as flat arrays ~3.5 µs, and that thread is the runtime's limit.
import type { FunctionCall } from './function-host.js';
import type {
  CallResult,
  FunctionContext,
  HeaderMap,
  HeaderValue,
  InvokeMessage,
  WireResponse,
} from './worker-protocol.js';

/** Name/value pairs one after the other: `[name, value, name, value, ...]`. */
export type FlatPairs = readonly (string | readonly string[])[];

/** One call: the id, the request, the event and the context, in this order. */
export type EncodedCall = readonly [
  id: number,
  method: string,
  url: string,
  headers: FlatPairs,
  query: FlatPairs,
  ip: string,
  /** A fresh copy, moved (not cloned) to the worker; null for an empty body. */
  body: Uint8Array | null,
  data: unknown,
  eventId: string | undefined,
  eventType: string | undefined,
  eventTime: string | undefined,
  eventNamespace: string | undefined,
  ce: FlatPairs,
  functionName: string,
  timeout: string,
  runtime: string,
  memoryLimit: string,
];

export type EncodedCallResult =
  | readonly [kind: 0, id: number, statusCode: number, headers: FlatPairs, body: string | Uint8Array]
  | readonly [kind: 1, id: number, message: string];

function flatten(record: Readonly<Record<string, HeaderValue>>): FlatPairs {
  const pairs: (string | readonly string[])[] = [];
  for (const name in record) {
    const value = record[name];
    if (value !== undefined) pairs.push(name, value);
  }
  return pairs;
}

function unflatten(pairs: FlatPairs): HeaderMap {
  const record: Record<string, HeaderValue> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const name = pairs[i];
    const value = pairs[i + 1];
    if (typeof name === 'string' && value !== undefined) record[name] = typeof value === 'string' ? value : [...value];
  }
  return record;
}

function strings(pairs: FlatPairs): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(unflatten(pairs))) if (typeof value === 'string') record[name] = value;
  return record;
}

/** The call and the buffers to move with it (`postMessage`'s transfer list). */
export function encodeCall(id: number, call: FunctionCall): { encoded: EncodedCall; transfer: ArrayBuffer[] } {
  const { event, context, request } = call;
  const body = request.body.byteLength === 0 ? null : new Uint8Array(request.body);
  const encoded: EncodedCall = [
    id,
    request.method,
    request.url,
    flatten(request.headers),
    flatten(request.query),
    request.ip,
    body,
    event.data,
    event['event-id'],
    event['event-type'],
    event['event-time'],
    event['event-namespace'],
    flatten(event.ce),
    context['function-name'],
    context.timeout,
    context.runtime,
    context['memory-limit'],
  ];
  return { encoded, transfer: body ? [body.buffer as ArrayBuffer] : [] };
}

export function decodeCall(encoded: EncodedCall): InvokeMessage {
  const [
    id,
    method,
    url,
    headers,
    query,
    ip,
    body,
    data,
    eventId,
    eventType,
    eventTime,
    eventNamespace,
    ce,
    functionName,
    timeout,
    runtime,
    memoryLimit,
  ] = encoded;
  const context: FunctionContext = { 'function-name': functionName, timeout, runtime, 'memory-limit': memoryLimit };
  return {
    id,
    event: {
      data,
      'event-id': eventId,
      'event-type': eventType,
      'event-time': eventTime,
      'event-namespace': eventNamespace,
      ce: strings(ce),
    },
    context,
    request: { method, url, headers: unflatten(headers), query: unflatten(query), ip, body: body ?? new Uint8Array(0) },
  };
}

export function encodeCallResult(result: CallResult): EncodedCallResult {
  if (result.type === 'failed') return [1, result.id, result.message];
  const { statusCode, headers, body } = result.response;
  return [0, result.id, statusCode, flatten(headers), body];
}

export function decodeCallResult(encoded: EncodedCallResult): CallResult {
  if (encoded[0] === 1) return { type: 'failed', id: encoded[1], message: encoded[2] };
  const response: WireResponse = { statusCode: encoded[2], headers: unflatten(encoded[3]), body: encoded[4] };
  return { type: 'response', id: encoded[1], response };
}
