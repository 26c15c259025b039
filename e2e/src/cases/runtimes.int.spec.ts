// Every runtime of the catalogue (issue 14): it deploys, answers, times out
// with 408 and reports metrics on the real node; the
// original's runtime names deploy as their current counterpart and say so;
// python2.7 is refused with the list of runtimes.
import { join } from 'node:path';
import { READY_CONDITION } from '@kubeless-ts/api';
import { e2eSession } from '../harness/e2e-session.js';

const session = e2eSession();
let ns = '';

beforeAll(async () => {
  ns = await session.createNamespace('runtimes');
});
afterAll(() => session.deleteNamespace(ns));

interface RuntimeCase {
  readonly runtime: string;
  readonly hello: readonly string[];
  readonly helloAnswer: string;
  readonly slow: readonly string[];
}

const example = (...path: string[]): string => join(session.examples, ...path);

const nodeCase = (runtime: string): RuntimeCase => ({
  runtime,
  hello: ['--from-file', example('nodejs', 'hello.js'), '--handler', 'hello.hello'],
  helloAnswer: 'hello world',
  slow: ['--from-file', example('nodejs', 'timeout.js'), '--handler', 'timeout.wait'],
});

const cases: readonly RuntimeCase[] = [
  nodeCase('nodejs22'),
  nodeCase('nodejs24'),
  nodeCase('nodejs26'),
  {
    runtime: 'python3.11',
    hello: ['--from-file', example('python', 'hello.py'), '--handler', 'hello.hello'],
    helloAnswer: 'hello world',
    slow: ['--from-file', example('python', 'timeout.py'), '--handler', 'timeout.wait'],
  },
  {
    runtime: 'go1.26',
    hello: [
      '--from-file',
      example('go', 'with-deps', 'slug.go'),
      '--dependencies',
      example('go', 'with-deps', 'go.mod'),
      '--handler',
      'slug.Slug',
    ],
    helloAnswer: 'hello-kubeless-world',
    slow: ['--from-file', example('go', 'timeout.go'), '--handler', 'timeout.Wait'],
  },
  {
    runtime: 'ruby3.1',
    hello: ['--from-file', example('ruby', 'hello.rb'), '--handler', 'hello.hello'],
    helloAnswer: 'hello world',
    slow: ['--from-file', example('ruby', 'timeout.rb'), '--handler', 'timeout.wait'],
  },
  {
    runtime: 'php8.2',
    hello: ['--from-file', example('php', 'hello.php'), '--handler', 'hello.hello'],
    helloAnswer: 'hello world',
    slow: ['--from-file', example('php', 'timeout.php'), '--handler', 'timeout.wait'],
  },
  {
    runtime: 'java17',
    hello: [
      '--from-file',
      example('java', 'with-deps', 'Hello.java'),
      '--dependencies',
      example('java', 'with-deps', 'pom.xml'),
      '--handler',
      'Hello.hello',
    ],
    helloAnswer: 'Hello, Hello Kubeless World!',
    slow: ['--from-file', example('java', 'Wait.java'), '--handler', 'Wait.sleep'],
  },
];

async function deploy(name: string, args: readonly string[]): Promise<void> {
  const run = await session.kubeless(['function', 'deploy', name, ...args, '-n', ns, '--wait=240s'], {
    timeoutMs: 300_000,
  });
  if (run.code !== 0)
    throw new Error(`deploy of ${name} failed: ${run.stderr}\n--- pods\n${await session.podReport(name, ns)}`);
}

describe.each(cases)('$runtime', ({ runtime, hello, helloAnswer, slow }) => {
  const id = runtime.replace(/[^a-z0-9]/g, '');

  it('compiles or installs, deploys and answers a call, and counts it in /metrics', async () => {
    const name = `hello-${id}`;
    await deploy(name, ['--runtime', runtime, ...hello]);
    const call = await session.callUntil(name, ns, (out) => out.includes(helloAnswer), {
      data: 'Hello Kubeless World',
    });
    expect(call.stdout.trim()).toBe(helloAnswer);
    const top = await session.ok(['function', 'top', '-f', name, '-n', ns, '-o', 'json']);
    const stats = JSON.parse(top.stdout) as Record<string, unknown>[];
    expect(
      stats.some((row) => row['function'] === name && typeof row['total_calls'] === 'number' && row['total_calls'] > 0),
    ).toBe(true);
  });

  it('answers 408 "Request timeout exceeded" past --timeout 2', async () => {
    const name = `slow-${id}`;
    await deploy(name, ['--runtime', runtime, ...slow, '--timeout', '2']);
    const call = await session.kubeless(['function', 'call', name, '-n', ns], { timeoutMs: 60_000 });
    expect(call.stderr).toContain('Request timeout exceeded');
    expect(call.code).toBe(1);
  });
});

describe("the original's runtime names", () => {
  it.each([
    ['go1.14', 'go1.26', ['--from-file', example('go', 'hello.go'), '--handler', 'hello.Foo'], 'Hello world!'],
    ['nodejs14', 'nodejs24', ['--from-file', example('nodejs', 'hello.js'), '--handler', 'hello.hello'], 'hello world'],
    [
      'python3.8',
      'python3.11',
      ['--from-file', example('python', 'hello.py'), '--handler', 'hello.hello'],
      'hello world',
    ],
    ['ruby2.6', 'ruby3.1', ['--from-file', example('ruby', 'hello.rb'), '--handler', 'hello.hello'], 'hello world'],
    ['java11', 'java17', ['--from-file', example('java', 'Foo.java'), '--handler', 'Foo.foo'], 'Hello world!'],
    ['php7.4', 'php8.2', ['--from-file', example('php', 'hello.php'), '--handler', 'hello.hello'], 'hello world'],
  ] as const)('%s deploys as %s and its Ready condition says so', async (alias, runtime, args, answer) => {
    const name = `alias-${alias.replace(/[^a-z0-9]/g, '')}`;
    await deploy(name, ['--runtime', alias, ...args]);
    const call = await session.callUntil(name, ns, (out) => out.includes(answer));
    expect(call.stdout.trim()).toBe(answer);
    const fn = await (await session.clients()).functions.get(name, { namespace: ns });
    const ready = fn.status?.conditions?.find((condition) => condition.type === READY_CONDITION);
    expect(ready?.status).toBe('True');
    expect(ready?.message).toContain(`runtime ${alias} is deprecated and runs as ${runtime}`);
  });

  it('refuses python2.7 with the list of runtimes', async () => {
    const run = await session.kubeless([
      'function',
      'deploy',
      'py27',
      '--runtime',
      'python2.7',
      '--from-file',
      example('python', 'hello.py'),
      '--handler',
      'hello.hello',
      '-n',
      ns,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'Invalid runtime: python2.7. Supported runtimes are: nodejs22, nodejs24, nodejs26, python3.11, go1.26, ruby3.1, php8.2, java17',
    );
  });
});
