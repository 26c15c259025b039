/** An in-memory ApiTransport: records requests and answers from a queue of canned responses. */
import { PassThrough } from 'node:stream';
import { HttpStatusError } from '../src/api-transport.js';
import type { ApiRequest, ApiResponse, ApiStreamResponse, ApiTransport } from '../src/api-transport.js';

export interface CannedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type CannedStream = { lines: string[]; status?: number; body?: unknown } | { error: Error };

function toBuffer(body: unknown): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

export class FakeApiTransport implements ApiTransport {
  readonly server = 'https://fake.example:6443';
  readonly requests: ApiRequest[] = [];
  private readonly responses: (CannedResponse | Error)[] = [];
  private readonly streams: CannedStream[] = [];

  respond(...responses: (CannedResponse | Error)[]): this {
    this.responses.push(...responses);
    return this;
  }

  streamOnce(stream: CannedStream): this {
    this.streams.push(stream);
    return this;
  }

  get last(): ApiRequest {
    const request = this.requests.at(-1);
    if (!request) throw new Error('no request was sent');
    return request;
  }

  lastJson(): unknown {
    const body = this.last.body;
    return body === undefined ? undefined : JSON.parse(body.toString());
  }

  close(): void {
    this.streams.length = 0;
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    this.requests.push(request);
    const next = this.responses.shift();
    if (next === undefined) throw new Error(`unexpected request ${request.method} ${request.path}`);
    if (next instanceof Error) throw next;
    return {
      status: next.status,
      headers: { 'content-type': 'application/json', ...next.headers },
      body: toBuffer(next.body),
    };
  }

  async stream(request: ApiRequest): Promise<ApiStreamResponse> {
    this.requests.push(request);
    const next = this.streams.shift();
    if (next === undefined) throw new Error(`unexpected stream ${request.method} ${request.path}`);
    if ('error' in next) throw next.error;
    if (next.status !== undefined && next.status >= 300)
      throw new HttpStatusError(next.status, toBuffer(next.body).toString(), {});
    const body = new PassThrough();
    request.signal?.addEventListener('abort', () => body.destroy(request.signal?.reason as Error), { once: true });
    setImmediate(() => {
      for (const line of next.lines) body.write(`${line}\n`);
      body.end();
    });
    return { status: 200, headers: {}, body };
  }
}
