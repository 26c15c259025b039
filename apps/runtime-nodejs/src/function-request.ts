import type { HeaderMap, WireRequest } from './worker-protocol.js';

/** `event.extensions.request`: the incoming request as plain data plus Express's `get()`. */
export interface FunctionRequest {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly headers: HeaderMap;
  readonly query: Record<string, string | string[]>;
  readonly ip: string;
  /** The raw request body. */
  readonly body: Buffer;
  get(name: string): string | string[] | undefined;
}

export function toFunctionRequest(wire: WireRequest): FunctionRequest {
  const body = Buffer.from(wire.body.buffer, wire.body.byteOffset, wire.body.byteLength);
  const queryStart = wire.url.indexOf('?');
  return {
    method: wire.method,
    url: wire.url,
    path: queryStart === -1 ? wire.url : wire.url.slice(0, queryStart),
    headers: wire.headers,
    query: wire.query,
    ip: wire.ip,
    body,
    get: (name) => wire.headers[name.toLowerCase()],
  };
}
