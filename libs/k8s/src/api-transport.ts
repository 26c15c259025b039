/**
 * The port every client in this lib talks through: one HTTP exchange with the
 * API server, buffered or streamed. Clients depend on this interface, so unit
 * tests pass a fake instead of mocking modules.
 */
import type { Readable } from 'node:stream';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  readonly method: HttpMethod;
  /** Absolute API path (`/apis/kubeless.io/v1beta1/...`), already escaped. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Deadline for the whole exchange (buffered) or until response headers arrive (streamed). */
  readonly timeoutMs?: number;
}

export interface ApiResponse {
  readonly status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface ApiStreamResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Destroyed with the caller's abort reason when the request signal aborts. */
  readonly body: Readable;
}

export interface ApiTransport {
  /** Base URL of the API server, for messages and defaults (e.g. nip.io host names). */
  readonly server: string;
  /** Resolves with any HTTP status; rejects only when no response arrived. */
  send(request: ApiRequest): Promise<ApiResponse>;
  /** Resolves once headers arrive; a non-2xx status rejects with HttpStatusError carrying the (bounded) body. */
  stream(request: ApiRequest): Promise<ApiStreamResponse>;
  /** Releases pooled connections; open streams end. */
  close(): void;
}

/** A non-2xx answer, shaped like client-node's ApiException (`code`, `body`, `headers`) so the error mapping treats both alike. */
export class HttpStatusError extends Error {
  readonly code: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: number, body: string, headers: Readonly<Record<string, string>>) {
    super(`HTTP ${code}`);
    this.name = 'HttpStatusError';
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
}

export function buildQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
