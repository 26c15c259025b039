// The build step's figures on the real node (issue 13): for a Node.js function with
// dependencies, the time from `kubeless function deploy` to the first successful call,
// and a pod's start time after its pod is deleted (the ReplicaSet makes a new one), with
// dependencies installed by the pod at start (build step off: the baseline) and with the
// built image (build step on), measured in the same run against the same node.
//   npx nx run e2e:bench-build-step
import { join } from 'node:path';
import { waitUntil } from '@kubeless-ts/testenv';
import { E2eSession } from '../src/harness/e2e-session.js';
import { startNodeProvider } from '../src/providers/node-provider.js';

const root = join(import.meta.dirname, '..', '..');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Figures {
  readonly firstCallMs: number;
  readonly restartMs: number;
}

async function readyPodOtherThan(
  session: E2eSession,
  ns: string,
  name: string,
  old: ReadonlySet<string>,
): Promise<boolean> {
  const pods = (await (await session.clients()).pods.list({ namespace: ns, labelSelector: `function=${name}` })).items;
  return pods.some(
    (pod) =>
      !old.has(pod.metadata?.name ?? '') &&
      pod.metadata?.deletionTimestamp === undefined &&
      (pod.status?.containerStatuses ?? []).every((status) => status.ready) &&
      (pod.status?.containerStatuses ?? []).length > 0,
  );
}

async function measure(session: E2eSession, ns: string, name: string): Promise<Figures> {
  const example = (file: string) => join(session.examples, 'nodejs', 'with-deps', file);
  const started = Date.now();
  await session.ok([
    'function',
    'deploy',
    name,
    '--runtime',
    'nodejs22',
    '--from-file',
    example('greet.js'),
    '--handler',
    'greet.greet',
    '--dependencies',
    example('package.json'),
    '-n',
    ns,
  ]);
  await session.callUntil(name, ns, (out) => out.includes('hello-'), { timeoutMs: 300_000 });
  const firstCallMs = Date.now() - started;
  const clients = await session.clients();
  const old = new Set(
    (await clients.pods.list({ namespace: ns, labelSelector: `function=${name}` })).items.map(
      (pod) => pod.metadata?.name ?? '',
    ),
  );
  const restarted = Date.now();
  for (const pod of old) await clients.pods.delete(pod, { namespace: ns });
  await waitUntil(() => readyPodOtherThan(session, ns, name, old), {
    what: `a new ready pod of ${name}`,
    timeoutMs: 300_000,
    intervalMs: 250,
  });
  return { firstCallMs, restartMs: Date.now() - restarted };
}

async function main(): Promise<void> {
  const running = await startNodeProvider({
    workspaceRoot: root,
    progress: (line) => process.stderr.write(`${line}\n`),
    skipBuild: false,
  });
  try {
    const session = new E2eSession(running.target);
    const registry = running.target.registry ?? '';
    const ns = await session.createNamespace('bench-build');
    const clients = await session.clients();
    const baseline = await measure(session, ns, 'greet-install');
    await clients.configMaps.patch(
      'kubeless-config',
      {
        type: 'merge',
        patch: {
          data: {
            'enable-build-step': 'true',
            'function-registry': `${registry}/functions`,
            'function-registry-tls-verify': 'false',
            'builder-registry-mirrors': `docker.io=${registry}`,
          },
        },
      },
      { namespace: 'kubeless' },
    );
    const built = await measure(session, ns, 'greet-built');
    const rows = [
      ['', 'deps installed by the pod (baseline)', 'built image (enable-build-step)', 'ratio built/baseline'],
      [
        'deploy → first successful call',
        seconds(baseline.firstCallMs),
        seconds(built.firstCallMs),
        (built.firstCallMs / baseline.firstCallMs).toFixed(2),
      ],
      [
        'pod start after a restart',
        seconds(baseline.restartMs),
        seconds(built.restartMs),
        (built.restartMs / baseline.restartMs).toFixed(2),
      ],
    ];
    process.stdout.write(`${rows.map((row) => row.join(' | ')).join('\n')}\n`);
  } finally {
    await running.stop();
  }
}

await main();
