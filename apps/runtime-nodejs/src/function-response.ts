import type { HeaderMap, HeaderValue, WireResponse } from './worker-protocol.js';

type Chunk = string | Uint8Array;

/**
 * `event.extensions.response`: the subset of Node's ServerResponse (plus the Express
 * helpers Kubeless users relied on) that a handler uses to set status and headers.
 * The handler runs in a worker thread, so this records what it asks for and the HTTP
 * thread replays it; `end()` completes the response at once, whatever the handler returns.
 */
export class FunctionResponse {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  private readonly headers = new Map<string, HeaderValue>();
  private readonly chunks: Chunk[] = [];

  constructor(private readonly onEnd: (response: WireResponse) => void) {}

  get finished(): boolean {
    return this.writableEnded;
  }

  setHeader(name: string, value: HeaderValue | number): this {
    this.headers.set(name.toLowerCase(), typeof value === 'number' ? String(value) : value);
    return this;
  }

  getHeader(name: string): HeaderValue | undefined {
    return this.headers.get(name.toLowerCase());
  }

  getHeaders(): HeaderMap {
    return Object.fromEntries(this.headers);
  }

  hasHeader(name: string): boolean {
    return this.headers.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
  }

  writeHead(
    statusCode: number,
    messageOrHeaders?: string | Record<string, HeaderValue | number>,
    headers?: Record<string, HeaderValue | number>,
  ): this {
    this.statusCode = statusCode;
    const extra = typeof messageOrHeaders === 'object' ? messageOrHeaders : headers;
    if (typeof messageOrHeaders === 'string') this.statusMessage = messageOrHeaders;
    for (const [name, value] of Object.entries(extra ?? {})) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }

  write(chunk: Chunk): boolean {
    if (this.writableEnded) return false;
    this.chunks.push(chunk);
    this.headersSent = true;
    return true;
  }

  end(chunk?: Chunk): this {
    if (this.writableEnded) return this;
    if (chunk !== undefined) this.chunks.push(chunk);
    this.writableEnded = true;
    this.headersSent = true;
    this.onEnd(this.toWire(this.collectBody()));
    return this;
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  set(name: string, value: HeaderValue | number): this {
    return this.setHeader(name, value);
  }

  header(name: string, value: HeaderValue | number): this {
    return this.setHeader(name, value);
  }

  type(contentType: string): this {
    return this.setHeader('content-type', contentType);
  }

  send(body?: unknown): this {
    if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
      if (typeof body === 'string' && !this.hasHeader('content-type')) this.type('text/html; charset=utf-8');
      return this.end(body);
    }
    return this.json(body);
  }

  json(body: unknown): this {
    if (!this.hasHeader('content-type')) this.type('application/json; charset=utf-8');
    return this.end(JSON.stringify(body) ?? '');
  }

  sendStatus(code: number): this {
    this.statusCode = code;
    return this.end(String(code));
  }

  /** The response as recorded so far, with `body` as the payload (used when the handler returned without `end()`). */
  toWire(body: string | Uint8Array): WireResponse {
    return { statusCode: this.statusCode, headers: this.getHeaders(), body };
  }

  private collectBody(): string | Uint8Array {
    if (this.chunks.every((chunk) => typeof chunk === 'string')) return this.chunks.join('');
    return Buffer.concat(this.chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
  }
}
