// Deploy, call, update and delete, for each runtime, through the built CLI.
import { join } from 'node:path';
import { waitUntil } from '@kubeless-ts/testenv';
import { e2eSession } from '../harness/e2e-session.js';

const session = e2eSession();
let ns = '';

beforeAll(async () => {
  ns = await session.createNamespace('functions');
});
afterAll(() => session.deleteNamespace(ns));

const runtimes = [
  { runtime: 'nodejs20', dir: 'nodejs', hello: 'hello.js', echo: 'echo.js' },
  { runtime: 'python3.11', dir: 'python', hello: 'hello.py', echo: 'echo.py' },
] as const;

describe.each(runtimes)('$runtime', ({ runtime, dir, hello, echo }) => {
  const name = `hello-${dir}`;
  const source = (file: string) => join(session.examples, dir, file);

  it('deploys, waits until Ready and answers a call', async () => {
    const deploy = await session.ok([
      'function',
      'deploy',
      name,
      '--runtime',
      runtime,
      '--from-file',
      source(hello),
      '--handler',
      'hello.hello',
      '-n',
      ns,
      '--wait=90s',
    ]);
    expect(deploy.stderr + deploy.stdout).toMatch(new RegExp(name));
    const call = await session.callUntil(name, ns, (out) => out.includes('hello world'));
    expect(call.stdout.trim()).toBe('hello world');
    const list = await session.ok(['function', 'ls', '-n', ns, '-o', 'json']);
    expect(list.stdout).toContain(`"${name}"`);
  });

  it('updates the code and handler, and the new version answers with the event it saw', async () => {
    await session.ok([
      'function',
      'update',
      name,
      '--from-file',
      source(echo),
      '--handler',
      'echo.echo',
      '-n',
      ns,
      '--wait=90s',
    ]);
    const call = await session.callUntil(name, ns, (out) => out.includes('"data"'), { data: '{"it-s":"alive"}' });
    const body = JSON.parse(call.stdout) as Record<string, unknown>;
    expect(body['data']).toEqual({ 'it-s': 'alive' });
    expect(body['event-namespace']).toBe('cli.kubeless.io');
    // As in Kubeless, context['function-name'] is the handler's function name.
    expect(body['function']).toBe('echo');
  });

  it('deletes the function and Kubernetes collects its children', async () => {
    await session.ok(['function', 'delete', name, '-n', ns]);
    const clients = await session.clients();
    await waitUntil(
      async () => {
        const [fn, deployment, service, configMap] = await Promise.all([
          clients.functions.find(name, { namespace: ns }),
          clients.deployments.find(name, { namespace: ns }),
          clients.services.find(name, { namespace: ns }),
          clients.configMaps.find(name, { namespace: ns }),
        ]);
        return [fn, deployment, service, configMap].every((o) => o === undefined);
      },
      { what: `function ${name}, its Deployment, Service and ConfigMap gone`, timeoutMs: 60_000, intervalMs: 500 },
    );
    const call = await session.kubeless(['function', 'call', name, '-n', ns]);
    expect(call.code).not.toBe(0);
  });
});
