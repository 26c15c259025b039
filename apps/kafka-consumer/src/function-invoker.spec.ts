import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TargetCache, createFunctionInvoker } from './function-invoker.js';

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
    expect(
      await invoker.invoke({ url: `${url}/`, headers: { 'event-id': 'x' }, body: Buffer.from('hi'), timeoutMs: 1000 }),
    ).toEqual({ ok: true, status: 200 });
    expect(received.at(-1)).toMatchObject({ body: 'hi', headers: { 'event-id': 'x', 'content-length': '2' } });
  });

  it('times out a function that keeps trickling bytes: the timeout is a deadline for the whole call, not an idle timeout', async () => {
    let trickled = 0;
    let connectionClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (connectionClosed = resolve));
    let trickledEnough: () => void = () => undefined;
    const farPastTheDeadline = new Promise<'still running'>(
      (resolve) => (trickledEnough = () => resolve('still running')),
    );
    const trickler = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => {
        res.write('.');
        // 200 bytes at one per 5 ms is 1 s of activity, 20 times the 50 ms deadline.
        if (++trickled === 200) trickledEnough();
      }, 5);
      res.once('close', () => {
        clearInterval(timer);
        connectionClosed();
      });
    });
    await new Promise<void>((r) => trickler.listen(0, '127.0.0.1', r));
    try {
      const port = (trickler.address() as AddressInfo).port;
      const outcome = await Promise.race([
        invoker.invoke({ url: `http://127.0.0.1:${port}/`, headers: {}, body: Buffer.from('x'), timeoutMs: 50 }),
        farPastTheDeadline,
      ]);
      expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
      expect(trickled).toBeLessThan(200);
      // The abandoned call's connection is closed, not left streaming into a dead request.
      await closed;
    } finally {
      trickler.closeAllConnections();
      await new Promise((r) => trickler.close(r));
    }
  });

  it('classifies non-2xx, timeout, refused and unknown host', async () => {
    expect(
      await invoker.invoke({ url: `${url}/fail`, headers: {}, body: Buffer.alloc(0), timeoutMs: 1000 }),
    ).toMatchObject({ ok: false, reason: 'non-2xx', detail: 'HTTP 500' });
    expect(
      await invoker.invoke({ url: `${url}/slow`, headers: {}, body: Buffer.alloc(0), timeoutMs: 50 }),
    ).toMatchObject({ ok: false, reason: 'timeout' });
    expect(
      await invoker.invoke({ url: 'http://127.0.0.1:1/', headers: {}, body: Buffer.alloc(0), timeoutMs: 1000 }),
    ).toMatchObject({ ok: false, reason: 'connection-refused' });
    expect(
      await invoker.invoke({
        url: 'http://no-such-function.invalid:8080/',
        headers: {},
        body: Buffer.alloc(0),
        timeoutMs: 3000,
      }),
    ).toMatchObject({ ok: false, reason: 'function-missing' });
  });

  it('aborts a call in flight when its signal fires, and refuses to start one already aborted', async () => {
    const stop = new AbortController();
    const call = invoker.invoke({
      url: `${url}/slow`,
      headers: {},
      body: Buffer.alloc(0),
      timeoutMs: 60_000,
      signal: stop.signal,
    });
    stop.abort();
    expect(await call).toMatchObject({ ok: false, reason: 'shutdown' });
    expect(
      await invoker.invoke({
        url: `${url}/ok`,
        headers: {},
        body: Buffer.from('never-sent'),
        timeoutMs: 1000,
        signal: stop.signal,
      }),
    ).toMatchObject({ ok: false, reason: 'shutdown' });
    await invoker.invoke({ url: `${url}/ok`, headers: {}, body: Buffer.from('sent-after'), timeoutMs: 1000 });
    expect(received.map((r) => r.body)).toContain('sent-after');
    expect(received.map((r) => r.body)).not.toContain('never-sent');
  });
});

describe('TargetCache', () => {
  it('parses a URL once and, past its bound, forgets only the URL parsed longest ago', () => {
    const cache = new TargetCache(2);
    const first = cache.get('http://a.ns.svc.cluster.local:8080/');
    expect(cache.get('http://a.ns.svc.cluster.local:8080/')).toBe(first);
    cache.get('http://b.ns.svc.cluster.local:8080/');
    const third = cache.get('http://c.ns.svc.cluster.local:8080/');
    expect(cache.size).toBe(2);
    expect(cache.get('http://c.ns.svc.cluster.local:8080/')).toBe(third);
    expect(cache.get('http://a.ns.svc.cluster.local:8080/')).not.toBe(first);
    expect(cache.get('http://a.ns.svc.cluster.local:8080/')).toMatchObject({
      hostname: 'a.ns.svc.cluster.local',
      port: 8080,
    });
  });

  it('throws for a URL that does not parse, as http.request would', () => {
    expect(() => new TargetCache().get('not a url')).toThrow();
  });
});
