import { request } from 'node:http';
import { join } from 'node:path';
import { waitUntil } from '@kubeless-ts/testenv';
import { runCli, type CliResult } from './cli-runner.js';
import type { KubeClients } from '@kubeless-ts/k8s';

export interface DemoReport {
  readonly firstCallMs: number;
  /** `function deploy --wait` to Ready, for a function without and with dependencies. */
  readonly deployToReadyMs: { readonly plain: number; readonly withDeps: number };
  readonly steps: readonly { readonly name: string; readonly ms: number }[];
}

const NS = 'default';
// The default kafka-trigger-allowed-topics lets a namespace's triggers read `<namespace>.*` only.
const DEMO_TOPIC = `${NS}.demo-topic`;

/** What the walk-through needs of a stack, local (function host) or on the real node. */
export interface DemoTarget {
  readonly kubeconfigPath: string;
  readonly brokers: string;
  readonly cli: readonly string[];
  readonly clients: KubeClients;
  /** Where Ingress hosts are served. */
  readonly ingressUrl: string;
  /** The local stack's gateway; without it the CLI calls functions through the apiserver's service proxy. */
  readonly gatewayUrl?: string;
}

/** The Node.js runtime the examples run on: a supported LTS. */
const NODE_RUNTIME = 'nodejs22';

/**
 * The main job's walk-through: deploy the examples with the CLI, then show a
 * direct call, a call through an HTTP trigger, a cron firing and a
 * Kafka-triggered invocation — each checked, not just printed.
 */
export async function runDemo(
  stack: DemoTarget,
  options: { workspaceRoot: string; startedAt: number; say: (line: string) => void },
): Promise<DemoReport> {
  const { say, workspaceRoot } = options;
  const examples = join(workspaceRoot, 'examples');
  const env: Record<string, string> = {
    KUBECONFIG: stack.kubeconfigPath,
    KAFKA_BROKERS: stack.brokers,
    ...(stack.gatewayUrl ? { KUBELESS_GATEWAY: stack.gatewayUrl } : {}),
  };
  const steps: { name: string; ms: number }[] = [];
  const kubeless = async (...args: string[]): Promise<CliResult> => {
    say(`$ kubeless ${args.map((a) => (/[\s*{}"]/.test(a) ? `'${a}'` : a)).join(' ')}`);
    const result = await runCli(stack.cli, args, env);
    if (result.stdout.trim()) say(result.stdout.trimEnd().replace(/^/gm, '  '));
    if (result.code !== 0)
      throw new Error(`kubeless ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
    return result;
  };
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    say(`\n== ${name}`);
    const value = await work();
    steps.push({ name, ms: Date.now() - started });
    return value;
  };
  const logsOf = async (fn: string) => (await runCli(stack.cli, ['function', 'logs', fn, '-n', NS], env)).stdout;

  await step('deploy functions', async () => {
    await kubeless(
      'function',
      'deploy',
      'hello',
      '--runtime',
      NODE_RUNTIME,
      '--from-file',
      join(examples, 'nodejs', 'hello.js'),
      '--handler',
      'hello.hello',
      '-n',
      NS,
    );
    await kubeless(
      'function',
      'deploy',
      'echo',
      '--runtime',
      NODE_RUNTIME,
      '--from-file',
      join(examples, 'nodejs', 'echo.js'),
      '--handler',
      'echo.echo',
      '-n',
      NS,
    );
    await kubeless(
      'function',
      'deploy',
      'pubsub',
      '--runtime',
      NODE_RUNTIME,
      '--from-file',
      join(examples, 'nodejs', 'pubsub.js'),
      '--handler',
      'pubsub.handler',
      '--label',
      'topic=demo-topic',
      '-n',
      NS,
    );
  });

  let firstCallMs = 0;
  await step('a direct call', async () => {
    let answer: CliResult | undefined;
    await waitUntil(
      async () => {
        answer = await runCli(stack.cli, ['function', 'call', 'hello', '-n', NS], env);
        return answer.code === 0 && answer.stdout.includes('hello world');
      },
      { what: 'function hello answering', timeoutMs: 180_000, intervalMs: 500 },
    );
    firstCallMs = Date.now() - options.startedAt;
    say(`$ kubeless function call hello\n  ${answer?.stdout.trim()}`);
    await kubeless('function', 'ls', '-n', NS);
  });

  await step('a request through an HTTP trigger', async () => {
    await kubeless(
      'trigger',
      'http',
      'create',
      'hello-route',
      '--function-name',
      'hello',
      '--hostname',
      'hello.kubeless.local',
      '--path',
      'greet',
      '-n',
      NS,
    );
    let body = '';
    await waitUntil(
      async () => {
        const response = await getWithHost(`${stack.ingressUrl}/greet`, 'hello.kubeless.local');
        body = response.body;
        return response.status === 200;
      },
      { what: 'ingress route for hello.kubeless.local/greet', timeoutMs: 60_000, intervalMs: 500 },
    );
    say(`$ curl -H 'Host: hello.kubeless.local' ${stack.ingressUrl}/greet\n  ${body.trim()}`);
  });

  await step('a Kafka-triggered invocation', async () => {
    await kubeless('topic', 'create', DEMO_TOPIC);
    await kubeless(
      'trigger',
      'kafka',
      'create',
      'pubsub-trigger',
      '--trigger-topic',
      DEMO_TOPIC,
      '--function-selector',
      'topic=demo-topic',
      '-n',
      NS,
    );
    await waitUntil(
      async () =>
        (await runCli(stack.cli, ['function', 'call', 'pubsub', '-n', NS, '--data', '{"warmup":true}'], env)).code ===
        0,
      {
        what: 'function pubsub answering',
        timeoutMs: 120_000,
        intervalMs: 500,
      },
    );
    // The trigger controller binds the function and the consumer joins the group; publish until one arrives.
    await waitUntil(
      async () => {
        await runCli(stack.cli, ['topic', 'publish', '--topic', DEMO_TOPIC, '--data', '{"hello":"kafka"}'], env);
        return (await logsOf('pubsub')).includes('kafkatriggers.kubeless.io');
      },
      { what: 'a Kafka message reaching function pubsub', timeoutMs: 90_000, intervalMs: 2_000 },
    );
    say(
      '  function pubsub logged: ' +
        ((await logsOf('pubsub')).split('\n').find((l) => l.includes('kafkatriggers.kubeless.io')) ?? '').trim(),
    );
  });

  await step('a cron firing', async () => {
    await kubeless(
      'trigger',
      'cronjob',
      'create',
      'every-minute',
      '--function',
      'echo',
      '--schedule',
      '* * * * *',
      '--payload',
      '{"from":"cron"}',
      '-n',
      NS,
    );
    say('  (the CronJob fires at the start of the next minute)');
    await waitUntil(
      async () => (await stack.clients.jobs.list({ namespace: NS })).items.some((j) => (j.status?.succeeded ?? 0) > 0),
      {
        what: 'a cron job calling function echo successfully',
        timeoutMs: 150_000,
        intervalMs: 1_000,
      },
    );
    const jobs = await stack.clients.jobs.list({ namespace: NS });
    say(`  job ${jobs.items.find((j) => (j.status?.succeeded ?? 0) > 0)?.metadata?.name} called echo and succeeded`);
  });

  const deployToReadyMs = await step('deploy to Ready, without and with dependencies', async () => {
    const timed = async (...args: string[]) => {
      const started = Date.now();
      await kubeless(...args);
      return Date.now() - started;
    };
    const plain = await timed(
      'function',
      'deploy',
      'ready-plain',
      '--runtime',
      NODE_RUNTIME,
      '--from-file',
      join(examples, 'nodejs', 'hello.js'),
      '--handler',
      'hello.hello',
      '-n',
      NS,
      '--wait=180s',
    );
    const withDeps = await timed(
      'function',
      'deploy',
      'ready-deps',
      '--runtime',
      NODE_RUNTIME,
      '--from-file',
      join(examples, 'nodejs', 'with-deps', 'greet.js'),
      '--handler',
      'greet.greet',
      '--dependencies',
      join(examples, 'nodejs', 'with-deps', 'package.json'),
      '-n',
      NS,
      '--wait=240s',
    );
    say(
      `  without dependencies: ${(plain / 1000).toFixed(1)} s; with dependencies (npm install in the pod): ${(withDeps / 1000).toFixed(1)} s`,
    );
    return { plain, withDeps };
  });

  return { firstCallMs, deployToReadyMs, steps };
}

/** fetch() may not set Host, and Host is what an Ingress rule routes on. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
