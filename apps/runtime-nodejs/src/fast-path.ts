import type { IncomingMessage } from 'node:http';

/** Paths fastify routes to the runtime itself; every other path belongs to the function. */
const ownPaths = new Set(['/healthz', '/metrics']);
const decimal = /^\d+$/;

/**
 * Whether a request can skip fastify and go straight to the function: an HTTP/1.x call
 * of an ordinary origin-form path whose body, if any, has a Content-Length within the
 * limit. Everything else (chunked bodies, oversize bodies, the runtime's own paths,
 * unusual targets and versions) takes the fastify route, which refuses or routes it.
 * Both end in `handleFunctionCall`; the split only saves fastify's per-request work
 * (ADR 0004, "Performance").
 */
export function takesFastPath(req: IncomingMessage, bodyLimitBytes: number): boolean {
  if (req.httpVersionMajor !== 1 || req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  if (length !== undefined && !(decimal.test(length) && Number(length) <= bodyLimitBytes)) return false;
  const url = req.url ?? '';
  if (!url.startsWith('/') || url.includes('%')) return false;
  const queryStart = url.indexOf('?');
  return !ownPaths.has(queryStart === -1 ? url : url.slice(0, queryStart));
}

/** The whole body of a fast-path request (its length is known and within the limit). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (req.headers['content-length'] === undefined || req.headers['content-length'] === '0')
    return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before the body ended'));
    });
  });
}
