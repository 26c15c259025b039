import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFunctionInvoker } from './function-invoker.js';

describe('function invoker', () => {
  let server: Server;
  let url: string;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500);
        res.statusCode = req.url === '/fail' ? 500 : 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const invoker = createFunctionInvoker();
  afterAll(() => invoker.close());

  it('POSTs the body with the headers and reports 2xx as success', async () => {
    expect(await invoker.invoke({ url: `${url}/`, headers: { 'event-id': 'x' }, body: Buffer.from('hi'), timeoutMs: 1000 })).toEqual({ ok: true, status: 200 });
    expect(received.at(-1)).toMatchObject({ body: 'hi', headers: { 'event-id': 'x', 'content-length': '2' } });
  });

  it('classifies non-2xx, timeout, refused and unknown host', async () => {
    expect(await invoker.invoke({ url: `${url}/fail`, headers: {}, body: Buffer.alloc(0), timeoutMs: 1000 })).toMatchObject({ ok: false, reason: 'non-2xx', detail: 'HTTP 500' });
    expect(await invoker.invoke({ url: `${url}/slow`, headers: {}, body: Buffer.alloc(0), timeoutMs: 50 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(await invoker.invoke({ url: 'http://127.0.0.1:1/', headers: {}, body: Buffer.alloc(0), timeoutMs: 1000 })).toMatchObject({ ok: false, reason: 'connection-refused' });
    expect(await invoker.invoke({ url: 'http://no-such-function.invalid:8080/', headers: {}, body: Buffer.alloc(0), timeoutMs: 3000 })).toMatchObject({ ok: false, reason: 'function-missing' });
  });
});
