import type { CallOutcome, FunctionCall } from './function-host.js';
import type { RuntimeConfig } from './runtime-config.js';
import { buildServer } from './server.js';
import type { FunctionInvoker } from './server.js';

const config: RuntimeConfig = {
  port: 8080,
  host: '127.0.0.1',
  installVolume: '/kubeless',
  moduleName: 'handler',
  handlerName: 'hello',
  timeoutSeconds: 3,
  runtime: 'nodejs20',
  memoryLimit: '0',
  bodyLimitBytes: 1024,
  shutdownTimeoutMs: 1000,
};

/** Records calls and answers each with the next scripted outcome. */
class ScriptedInvoker implements FunctionInvoker {
  readonly calls: FunctionCall[] = [];
  live = true;
  constructor(private readonly outcomes: CallOutcome[]) {}
  serving(): boolean {
    return this.live;
  }
  async invoke(call: FunctionCall): Promise<CallOutcome> {
    this.calls.push(call);
    return this.outcomes.shift() ?? { kind: 'response', response: { statusCode: 200, headers: {}, body: 'default' } };
  }
}

const ok = (body: string, headers: Record<string, string> = {}, statusCode = 200): CallOutcome => ({
  kind: 'response',
  response: { statusCode, headers, body },
});

describe('buildServer', () => {
  it('routes every method and path to the function with the event and context', async () => {
    const invoker = new ScriptedInvoker([ok('a'), ok('b')]);
    const app = buildServer({ config, invoker });
    const patched = await app.inject({
      method: 'PATCH',
      url: '/deep/path?q=1',
      headers: { 'content-type': 'application/json', 'event-id': 'e1' },
      payload: '{"x":1}',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).toBe('a');
    expect((await app.inject({ method: 'DELETE', url: '/' })).body).toBe('b');
    const [first] = invoker.calls;
    expect(first?.event).toMatchObject({ data: { x: 1 }, 'event-id': 'e1' });
    expect(first?.context).toEqual({
      'function-name': 'hello',
      timeout: '3',
      runtime: 'nodejs20',
      'memory-limit': '0',
    });
    expect(first?.request).toMatchObject({ method: 'PATCH', url: '/deep/path?q=1', query: { q: '1' } });
  });

  it('accepts CloudEvents in structured mode, and answers 400 for an envelope that is not an object', async () => {
    const invoker = new ScriptedInvoker([ok('a')]);
    const app = buildServer({ config, invoker });
    const envelope = { specversion: '1.0', id: 'e7', type: 'com.example.t', source: '/s', data: { x: 1 } };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/',
          headers: { 'content-type': 'application/cloudevents+json' },
          payload: JSON.stringify(envelope),
        })
      ).statusCode,
    ).toBe(200);
    expect(invoker.calls[0]?.event).toMatchObject({
      data: { x: 1 },
      'event-id': 'e7',
      'event-type': 'com.example.t',
      'event-namespace': '/s',
      ce: { specversion: '1.0', id: 'e7' },
    });
    const refused = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/cloudevents+json' },
      payload: '"text"',
    });
    expect(refused.statusCode).toBe(400);
    expect(invoker.calls).toHaveLength(1);
  });

  it('fails /healthz with 503 once the invoker can no longer serve', async () => {
    const invoker = new ScriptedInvoker([]);
    const app = buildServer({ config, invoker });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    invoker.live = false;
    const unhealthy = await app.inject({ url: '/healthz' });
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.body).toBe('the function worker cannot be started');
    expect(invoker.calls).toHaveLength(0);
  });

  it('keeps /healthz and /metrics for itself', async () => {
    const invoker = new ScriptedInvoker([]);
    const app = buildServer({ config, invoker });
    expect((await app.inject({ url: '/healthz' })).body).toBe('OK');
    expect((await app.inject({ url: '/metrics' })).body).toContain('# TYPE function_calls_total counter');
    expect(invoker.calls).toHaveLength(0);
  });

  it('replays status and headers the function set, without letting it frame the body', async () => {
    const app = buildServer({
      config,
      invoker: new ScriptedInvoker([
        ok('made', { 'x-a': '1', 'content-length': '999', 'access-control-allow-origin': 'https://a.example' }, 201),
      ]),
    });
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-a']).toBe('1');
    expect(response.headers['content-length']).toBe('4');
    expect(response.headers['access-control-allow-origin']).toBe('https://a.example');
  });

  it.each([
    [{ kind: 'timeout' } as CallOutcome, 408, 'Request timeout exceeded'],
    [{ kind: 'failed', message: 'Error: boom' } as CallOutcome, 500, 'Internal Server Error'],
    [{ kind: 'aborted', reason: 'restarted' } as CallOutcome, 503, 'Service Unavailable: restarted'],
  ])('answers %j with %i and counts a failure', async (outcome, status, body) => {
    const app = buildServer({ config, invoker: new ScriptedInvoker([outcome]) });
    const response = await app.inject({ method: 'POST', url: '/' });
    expect(response.statusCode).toBe(status);
    expect(response.body).toBe(body);
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('function_calls_total{method="POST"} 1');
    expect(metrics).toContain('function_failures_total{method="POST"} 1');
    expect(metrics).toContain('function_duration_seconds_count{method="POST"} 1');
  });

  it('announces no body length on a 204 the function chose, nor on the preflight answer', async () => {
    const app = buildServer({ config, invoker: new ScriptedInvoker([ok('', {}, 204)]) });
    const noContent = await app.inject({ method: 'DELETE', url: '/item' });
    expect(noContent.statusCode).toBe(204);
    expect(noContent.headers['content-length']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/',
      headers: { 'access-control-request-method': 'PUT' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['content-length']).toBeUndefined();
  });

  it('answers a CORS preflight itself', async () => {
    const invoker = new ScriptedInvoker([]);
    const app = buildServer({ config, invoker });
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/',
      headers: {
        origin: 'https://a.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'x-custom',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
      'access-control-allow-headers': 'x-custom',
    });
    expect(invoker.calls).toHaveLength(0);
  });

  it('rejects malformed JSON with 400 and oversize bodies with 413, without calling the function', async () => {
    const invoker = new ScriptedInvoker([]);
    const app = buildServer({ config, invoker });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/',
          headers: { 'content-type': 'application/json' },
          payload: '{oops',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/',
          headers: { 'content-type': 'text/plain' },
          payload: 'x'.repeat(2048),
        })
      ).statusCode,
    ).toBe(413);
    expect(invoker.calls).toHaveLength(0);
  });

  it('hands a body without content type to the function as text', async () => {
    const invoker = new ScriptedInvoker([ok('')]);
    const app = buildServer({ config, invoker });
    await app.inject({ method: 'POST', url: '/', payload: Buffer.from('raw') });
    expect(invoker.calls[0]?.event.data).toBe('raw');
  });
});

describe('buildServer over a socket (the node:http fast path)', () => {
  const echo = (): FunctionInvoker => ({
    serving: () => true,
    invoke: async (call) =>
      ok(
        JSON.stringify({ data: call.event.data, query: call.request.query, method: call.request.method }),
        { 'content-type': 'application/json', 'x-made-by': 'fn' },
        201,
      ),
  });

  it('answers a call exactly as the fastify route does', async () => {
    const app = buildServer({ config, invoker: echo() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' };
      const overSocket = await fetch(`http://127.0.0.1:${port}/p?a=1`, init);
      const injected = await app.inject({ method: 'POST', url: '/p?a=1', headers: init.headers, payload: init.body });
      expect(overSocket.status).toBe(201);
      expect(await overSocket.text()).toBe(injected.body);
      for (const name of ['content-type', 'content-length', 'x-made-by', 'access-control-allow-origin'])
        expect(overSocket.headers.get(name)).toBe(injected.headers[name]);
      expect(JSON.parse(injected.body)).toEqual({ data: { x: 1 }, query: { a: '1' }, method: 'POST' });
    } finally {
      await app.close();
    }
  });

  it('still refuses oversize bodies and malformed JSON over the socket', async () => {
    const invoker = new ScriptedInvoker([]);
    const app = buildServer({ config, invoker });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      expect((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x'.repeat(2048) })).status).toBe(413);
      expect(
        (
          await fetch(`http://127.0.0.1:${port}/`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{oops',
          })
        ).status,
      ).toBe(400);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(invoker.calls).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
