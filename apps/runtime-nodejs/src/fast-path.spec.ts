import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { takesFastPath } from './fast-path.js';

interface RequestShape {
  url?: string;
  headers?: Record<string, string>;
  httpVersionMajor?: number;
}

function aRequest({ url = '/', headers = {}, httpVersionMajor = 1 }: RequestShape = {}): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.url = url;
  request.headers = headers;
  request.httpVersionMajor = httpVersionMajor;
  return request;
}

describe('takesFastPath', () => {
  const limit = 1024;

  it('takes ordinary calls, with or without a body within the limit', () => {
    expect(takesFastPath(aRequest(), limit)).toBe(true);
    expect(takesFastPath(aRequest({ url: '/orders/7?verbose=1' }), limit)).toBe(true);
    expect(takesFastPath(aRequest({ headers: { 'content-length': '1024' } }), limit)).toBe(true);
  });

  it.each<[string, RequestShape]>([
    ['the runtime’s own paths', { url: '/healthz' }],
    ['the metrics path with a query', { url: '/metrics?x=1' }],
    ['a body over the limit', { headers: { 'content-length': '1025' } }],
    ['a length that is not a plain number', { headers: { 'content-length': '+5' } }],
    ['a chunked body', { headers: { 'transfer-encoding': 'chunked' } }],
    ['percent-encoded paths (fastify decodes them when routing)', { url: '/health%7A' }],
    ['absolute-form targets', { url: 'http://example.com/' }],
    ['HTTP/0.9 request lines', { httpVersionMajor: 0 }],
  ])('leaves %s to fastify', (_case, shape) => {
    expect(takesFastPath(aRequest(shape), limit)).toBe(false);
  });
});
