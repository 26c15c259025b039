// Starts the shipped bundle as a real process against real function files.
import { jest } from '@jest/globals';
import { FunctionDir } from '../test/function-dir.js';
import { eventually, runtimeBundle, startRuntime } from '../test/runtime-process.js';
import type { RunningRuntime } from '../test/runtime-process.js';

jest.setTimeout(30_000);

const kitchenSink = `
let calls = 0;
module.exports = {
  main: async (event, context) => {
    const path = event.extensions.request.path;
    if (path === '/count') return { calls: ++calls };
    if (path === '/echo') return { data: event.data, id: event['event-id'], type: event['event-type'], time: event['event-time'],
      namespace: event['event-namespace'], ce: event.ce, context, method: event.extensions.request.method, query: event.extensions.request.query };
    if (path === '/text') return event.data;
    if (path === '/throw') throw new Error('boom');
    if (path === '/reject') return Promise.reject(new Error('async boom'));
    if (path === '/loop') { for (;;) {} }
    if (path === '/hang') return new Promise(() => {});
    if (path === '/status') { event.extensions.response.statusCode = 201; event.extensions.response.setHeader('x-made-by', 'fn'); return { created: true }; }
    if (path === '/ended') { event.extensions.response.status(418).send('teapot'); return 'ignored'; }
    if (path === '/slow') { await new Promise((r) => setTimeout(r, 500)); return 'slow done'; }
    if (path === '/empty') return undefined;
    if (path === '/exit') process.exit(3);
    return 'hello world';
  },
};
`;

describe('Node.js runtime process', () => {
  let dir: FunctionDir;
  let runtime: RunningRuntime;

  beforeAll(async () => {
    await runtimeBundle();
    dir = FunctionDir.create().withFile('handler.js', kitchenSink);
    runtime = await startRuntime({
      installVolume: dir.path,
      env: {
        MOD_NAME: 'handler',
        FUNC_HANDLER: 'main',
        FUNC_TIMEOUT: '1',
        FUNC_RUNTIME: 'nodejs20',
        FUNC_MEMORY_LIMIT: '128Mi',
        REQ_MB_LIMIT: '0.01',
      },
    });
  });

  afterAll(async () => {
    await runtime?.stop();
    dir?.remove();
  });

  const call = (path: string, init?: RequestInit) => fetch(`${runtime.url}${path}`, init);

  it('answers hello and /healthz', async () => {
    const response = await call('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello world');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await (await call('/healthz')).text()).toBe('OK');
  });

  it('passes event fields, context and parsed JSON to the handler and returns JSON', async () => {
    const response = await call('/echo?x=1', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'event-id': 'id-1',
        'event-type': 'application/json',
        'event-time': '2026-01-01T00:00:00Z',
        'event-namespace': 'cli.kubeless.io',
      },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      data: { hello: 'world' },
      id: 'id-1',
      type: 'application/json',
      time: '2026-01-01T00:00:00Z',
      namespace: 'cli.kubeless.io',
      ce: {},
      context: { 'function-name': 'main', timeout: '1', runtime: 'nodejs20', 'memory-limit': '128Mi' },
      method: 'POST',
      query: { x: '1' },
    });
  });

  it('gives non-JSON bodies to the handler as UTF-8 text and returns strings as-is', async () => {
    const response = await call('/text', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'grüße' });
    expect(await response.text()).toBe('grüße');
  });

  it('maps CloudEvents binary-mode headers onto the event', async () => {
    const response = await call('/echo', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'ce-specversion': '1.0',
        'ce-id': 'ce-1',
        'ce-type': 'com.example.created',
        'ce-source': '/orders',
        'ce-time': '2026-02-02T00:00:00Z',
        'ce-subject': 'o-7',
      },
      body: '{"n":1}',
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: 'ce-1',
      type: 'com.example.created',
      time: '2026-02-02T00:00:00Z',
      namespace: '/orders',
      data: { n: 1 },
    });
    expect(body['ce']).toEqual({
      specversion: '1.0',
      id: 'ce-1',
      type: 'com.example.created',
      source: '/orders',
      time: '2026-02-02T00:00:00Z',
      subject: 'o-7',
    });
  });

  it('maps a CloudEvents structured-mode body onto the same event fields', async () => {
    const attributes = {
      specversion: '1.0',
      id: 'ce-2',
      type: 'com.example.created',
      source: '/orders',
      time: '2026-02-02T00:00:00Z',
      subject: 'o-8',
      datacontenttype: 'application/json',
    };
    const response = await call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({ ...attributes, data: { n: 2 } }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: 'ce-2',
      type: 'com.example.created',
      time: '2026-02-02T00:00:00Z',
      namespace: '/orders',
      data: { n: 2 },
    });
    expect(body['ce']).toEqual(attributes);
  });

  it('lets the handler set status and headers through extensions.response', async () => {
    const created = await call('/status');
    expect(created.status).toBe(201);
    expect(created.headers.get('x-made-by')).toBe('fn');
    expect(await created.json()).toEqual({ created: true });
    const ended = await call('/ended');
    expect(ended.status).toBe(418);
    expect(await ended.text()).toBe('teapot');
  });

  it('answers undefined with an empty 200', async () => {
    const response = await call('/empty');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers 500 on sync and async exceptions and keeps serving', async () => {
    const thrown = await call('/throw');
    expect(thrown.status).toBe(500);
    expect(await thrown.text()).toBe('Internal Server Error');
    expect((await call('/reject')).status).toBe(500);
    expect((await call('/')).status).toBe(200);
  });

  it('rejects bodies over REQ_MB_LIMIT with 413', async () => {
    const response = await call('/text', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(20_000),
    });
    expect(response.status).toBe(413);
  });

  it('keeps module state between calls and across an async timeout', async () => {
    const first = ((await (await call('/count')).json()) as { calls: number }).calls;
    const hung = await call('/hang');
    expect(hung.status).toBe(408);
    expect(await hung.text()).toBe('Request timeout exceeded');
    const next = ((await (await call('/count')).json()) as { calls: number }).calls;
    expect(next).toBe(first + 1);
  });

  it('answers 408 for a synchronous infinite loop, stays healthy and serves again', async () => {
    const looped = await call('/loop');
    // Only the deadline answers 408: the loop itself never returns.
    expect(looped.status).toBe(408);
    expect((await call('/healthz')).status).toBe(200);
    await eventually(async () => (await call('/')).status === 200);
    expect(runtime.output()).toContain('replacing it');
  });

  it('answers 503 when the function exits its worker, then serves from a new one', async () => {
    const exited = await call('/exit');
    expect(exited.status).toBe(503);
    await eventually(async () => (await call('/')).status === 200);
  });

  it('counts calls, failures and durations by method in /metrics', async () => {
    const text = await (await call('/metrics')).text();
    expect(text).toMatch(/function_calls_total\{method="GET"\} \d+/);
    expect(text).toMatch(/function_calls_total\{method="POST"\} \d+/);
    expect(text).toMatch(/function_failures_total\{method="GET"\} [4-9]/);
    expect(text).toMatch(/function_duration_seconds_count\{method="GET"\} \d+/);
  });
});

describe('Node.js runtime process: modules and lifecycle', () => {
  const dirs: FunctionDir[] = [];
  const runtimes: RunningRuntime[] = [];
  const volume = (): FunctionDir => {
    const dir = FunctionDir.create();
    dirs.push(dir);
    return dir;
  };
  const start = async (installVolume: string, env: Record<string, string>): Promise<RunningRuntime> => {
    const runtime = await startRuntime({ installVolume, env });
    runtimes.push(runtime);
    return runtime;
  };

  afterAll(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.stop()));
    for (const dir of dirs) dir.remove();
  });

  it('loads an ESM handler that imports a dependency from node_modules', async () => {
    const dir = volume()
      .withDependency('tiny-dep', "export const shout = (s) => s.toUpperCase() + '!';\n", { type: 'module' })
      .withFile(
        'fn.mjs',
        "import { shout } from 'tiny-dep';\nexport async function greet(event) { return shout(`hi ${event.data}`); }\n",
      );
    const runtime = await start(dir.path, { MOD_NAME: 'fn', FUNC_HANDLER: 'greet' });
    expect(
      await (
        await fetch(runtime.url, { method: 'POST', body: 'bob', headers: { 'content-type': 'text/plain' } })
      ).text(),
    ).toBe('HI BOB!');
  });

  it('loads a CommonJS handler that requires a dependency and exports a bare function', async () => {
    const dir = volume()
      .withDependency('tiny-dep', 'exports.double = (n) => n * 2;\n')
      .withFile(
        'fn.js',
        "const { double } = require('tiny-dep');\nmodule.exports = function (event) { return { doubled: double(event.data.n) }; };\n",
      );
    const runtime = await start(dir.path, { MOD_NAME: 'fn', FUNC_HANDLER: 'anything' });
    const response = await fetch(runtime.url, {
      method: 'POST',
      body: '{"n":21}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await response.json()).toEqual({ doubled: 42 });
  });

  it('exits non-zero with a clear message when the module is missing', async () => {
    const runtime = await startRuntime({
      installVolume: volume().path,
      env: { MOD_NAME: 'absent', FUNC_HANDLER: 'main' },
      waitReady: false,
    });
    expect(await runtime.exited).toBe(1);
    expect(runtime.output()).toContain('no absent.js, absent.mjs, absent.cjs');
  });

  it('fails /healthz when the worker cannot be restarted, so the kubelet restarts the pod', async () => {
    // Loads once; every later load (the replacement worker) throws.
    const onceOnly = `
const fs = require('node:fs');
const marker = require('node:path').join(__dirname, 'loaded-once');
if (fs.existsSync(marker)) throw new Error('cannot load a second time');
fs.writeFileSync(marker, '');
exports.main = (event) => { if (event.extensions.request.path === '/exit') process.exit(3); return 'ok'; };
`;
    const dir = volume().withFile('fn.js', onceOnly);
    const runtime = await start(dir.path, { MOD_NAME: 'fn', FUNC_HANDLER: 'main' });
    expect((await fetch(runtime.url)).status).toBe(200);
    expect((await fetch(`${runtime.url}/exit`)).status).toBe(503);
    await eventually(async () => (await fetch(`${runtime.url}/healthz`)).status === 503);
    expect((await fetch(runtime.url)).status).toBe(503);
    expect(runtime.output()).toContain('failed to restart');
  });

  it('finishes in-flight calls on SIGTERM, then exits 0', async () => {
    const dir = volume().withFile(
      'fn.cjs',
      "exports.slow = () => new Promise((r) => setTimeout(() => r('done'), 700));\n",
    );
    const runtime = await start(dir.path, { MOD_NAME: 'fn', FUNC_HANDLER: 'slow' });
    const inFlight = fetch(runtime.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    runtime.child.kill('SIGTERM');
    const response = await inFlight;
    expect(await response.text()).toBe('done');
    expect(await runtime.exited).toBe(0);
  });
});
