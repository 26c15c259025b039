/**
 * Reconcile throughput and memory of the function controller (printed, never asserted).
 *
 *   npx nx run function-controller:bench      (builds the bundle first)
 *
 * On a private control plane without controller-manager and scheduler (so
 * ReplicaSet and Pod churn does not blur the comparison):
 *   1. baseline: a raw client creates the 3,000 children of 1,000 Functions
 *      (ConfigMap, Service, Deployment, exactly what the controller would
 *      create) with 8 requests in flight, once before and once after step 2;
 *   2. live: the bundled controller runs as its own process with 8 workers,
 *      RSS is read idle, then 1,000 Functions are created (8 in flight) and
 *      the clock stops when all 3,000 children exist (seen through a watch,
 *      see watchDeployments); RSS is read again;
 *   3. catch-up: 1,000 Functions already exist when the controller starts; the
 *      clock runs from its start until all 3,000 children exist (the reconcile
 *      work alone, comparable to the raw client's).
 *
 * BENCH_FUNCTIONS=<n> changes the count; BENCH_CPU_PROF=<dir> profiles the controller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultKubelessConfigData, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction } from '@kubeless-ts/api/testing';
import { Informer } from '@kubeless-ts/controller-kit';
import { createKubeClients, type Deployment, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { desired, type DesiredChildren } from '../src/desired-children.js';
import { ensureCrds } from '../test/cluster.js';

const FUNCTIONS = Number(process.env['BENCH_FUNCTIONS'] ?? 1000);
const IN_FLIGHT = 8;
const workspace = join(import.meta.dirname, '..', '..', '..');

async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function functions(namespace: string): KubelessFunction[] {
  return Array.from({ length: FUNCTIONS }, (_, i) =>
    aFunction()
      .named(`fn-${i}`)
      .inNamespace(namespace)
      .withCode(`module.exports = { hello: () => "hello ${i}" };\n`)
      // The test control plane has a /24 service range; headless Services need no ClusterIP.
      .withService({ clusterIP: 'None' })
      .build(),
  );
}

function childrenOf(namespace: string): DesiredChildren[] {
  const config = parseKubelessConfig(defaultKubelessConfigData());
  if (!config.ok) throw new Error('default kubeless-config does not parse');
  return functions(namespace).map((fn, i) => {
    const state = desired({
      fn: { ...fn, metadata: { ...fn.metadata, uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` } },
      config: config.value,
    });
    if (!state.ok) throw new Error(state.problem.message);
    return state.children;
  });
}

const plain = <T extends { metadata?: object }>(child: T): T => ({
  ...child,
  metadata: { ...child.metadata, ownerReferences: undefined },
});

async function baseline(clients: KubeClients, namespace: string): Promise<number> {
  const objects = childrenOf(namespace);
  const started = performance.now();
  await inParallel(objects, IN_FLIGHT, async (children) => {
    await clients.configMaps.create(plain(children.configMap));
    await clients.services.create(plain(children.service));
    await clients.deployments.create(plain(children.deployment));
  });
  return performance.now() - started;
}

/**
 * The controller's own writes by a plain client: each child by a create-only
 * server-side apply (resourceVersion "1", as execute.ts does). What this
 * costs over `baseline` is the API server's price of server-side apply, which
 * the controller pays whatever it does on its side.
 */
async function rawApply(clients: KubeClients, namespace: string): Promise<number> {
  const objects = childrenOf(namespace);
  const createOnly = <T extends { metadata?: object }>(child: T): T => ({
    ...plain(child),
    metadata: { ...child.metadata, ownerReferences: undefined, resourceVersion: '1' },
  });
  const started = performance.now();
  await inParallel(objects, IN_FLIGHT, async (children) => {
    await clients.configMaps.apply(createOnly(children.configMap), { force: true });
    await clients.services.apply(createOnly(children.service), { force: true });
    await clients.deployments.apply(createOnly(children.deployment), { force: true });
  });
  return performance.now() - started;
}

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function countChildren(clients: KubeClients, namespace: string): Promise<number> {
  const selector = { namespace, labelSelector: 'created-by=kubeless' };
  const [cms, svcs, deps] = await Promise.all([
    clients.configMaps.listAll(selector),
    clients.services.listAll(selector),
    clients.deployments.listAll(selector),
  ]);
  return cms.items.length + svcs.items.length + deps.items.length;
}

/** BENCH_CPU_PROF=<dir>: each controller run writes a V8 CPU profile there when it exits (open it in Chrome DevTools or speedscope). */
const CPU_PROFILE_DIR = process.env['BENCH_CPU_PROF'];

function spawnController(kubeconfigPath: string): ChildProcess {
  const profile = CPU_PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`];
  return spawn(
    process.execPath,
    [
      ...profile,
      join(workspace, 'dist/apps/function-controller/main.mjs'),
      '--leader-elect=false',
      '--health-port=0',
      '--workers=8',
    ],
    {
      env: { ...process.env, KUBECONFIG: kubeconfigPath, KUBELESS_NAMESPACE: 'kubeless', KUBELESS_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

async function stopController(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

/**
 * Sees the children arrive through one watch (the kit's informer) instead of
 * listing every child four times a second: those lists load the API server
 * during the controller runs only (the baseline pays nothing like them), and
 * cost it as much as the controller's own writes. The controller writes a
 * Function's Deployment after its ConfigMap and Service, so the Deployments
 * arrive last; one full count at the end checks all three kinds.
 */
function watchDeployments(
  clients: KubeClients,
  namespace: string,
): { arrived: (count: number) => Promise<void>; stop: () => void } {
  const stop = new AbortController();
  const informer = new Informer<Deployment>({
    name: 'bench-deployments',
    listWatch: clients.listWatch(clients.deployments, { namespace, labelSelector: 'created-by=kubeless' }),
  });
  void informer.run(stop.signal);
  const arrived = (count: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (informer.hasSynced() && informer.list().length >= count) resolve();
      };
      informer.addEventHandler({ onAdd: check });
      void informer.waitForSync(stop.signal).then(check);
    });
  return { arrived, stop: () => stop.abort() };
}

async function waitForChildren(
  clients: KubeClients,
  namespace: string,
  deployments: ReturnType<typeof watchDeployments>,
): Promise<number> {
  await deployments.arrived(FUNCTIONS);
  const at = performance.now();
  deployments.stop();
  while ((await countChildren(clients, namespace)) < FUNCTIONS * 3)
    await new Promise((resolve) => setTimeout(resolve, 250));
  return at;
}

/** functions-namespace is read at start, so each run points kubeless-config at its own namespace first. */
async function scopeTo(clients: KubeClients, namespace: string): Promise<void> {
  const data = defaultKubelessConfigData({ functionsNamespace: namespace });
  const existing = await clients.configMaps.find('kubeless-config', { namespace: 'kubeless' });
  if (existing === undefined)
    await clients.configMaps.create({ metadata: { name: 'kubeless-config', namespace: 'kubeless' }, data });
  else await clients.configMaps.replace({ ...existing, data });
}

/** Live: the controller is idle, then 1,000 Functions are created while it runs. */
async function liveRun(
  clients: KubeClients,
  kubeconfigPath: string,
  namespace: string,
): Promise<{ ms: number; idle: number; loaded: number; peak: number }> {
  await scopeTo(clients, namespace);
  const deployments = watchDeployments(clients, namespace);
  const child = spawnController(kubeconfigPath);
  try {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = rssMiB(child.pid ?? 0).rss;
    const started = performance.now();
    await inParallel(functions(namespace), IN_FLIGHT, (fn) => clients.functions.create(fn));
    const ms = (await waitForChildren(clients, namespace, deployments)) - started;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const { rss, peak } = rssMiB(child.pid ?? 0);
    return { ms, idle, loaded: rss, peak };
  } finally {
    await stopController(child);
  }
}

/** Catch-up: 1,000 Functions exist before the controller starts; the clock runs from its start to the last child. */
async function catchUpRun(clients: KubeClients, kubeconfigPath: string, namespace: string): Promise<number> {
  await scopeTo(clients, namespace);
  await inParallel(functions(namespace), IN_FLIGHT, (fn) => clients.functions.create(fn));
  const deployments = watchDeployments(clients, namespace);
  await deployments.arrived(0);
  const started = performance.now();
  const child = spawnController(kubeconfigPath);
  try {
    return (await waitForChildren(clients, namespace, deployments)) - started;
  } finally {
    await stopController(child);
  }
}

async function main(): Promise<void> {
  process.stdout.write(`starting a private control plane (no controller-manager, no scheduler)...\n`);
  const plane = await startControlPlane({ controllerManager: false, scheduler: false });
  try {
    const clients = await createKubeClients({
      kubeconfig: plane.kubeconfigPath,
      fieldManager: 'bench',
      env: {},
      requestTimeoutMs: 60_000,
    });
    await ensureCrds(clients);
    for (const name of ['kubeless', 'bench-raw-1', 'bench-raw-2', 'bench-apply', 'bench-live', 'bench-catch-up'])
      await clients.namespaces.create({ metadata: { name } });
    // The baseline runs before and after the controller: this machine is shared, and its load drifts.
    const before = await baseline(clients, 'bench-raw-1');
    const applied = await rawApply(clients, 'bench-apply');
    const live = await liveRun(clients, plane.kubeconfigPath, 'bench-live');
    const catchUp = await catchUpRun(clients, plane.kubeconfigPath, 'bench-catch-up');
    const after = await baseline(clients, 'bench-raw-2');
    const rawMs = (before + after) / 2;
    const line = (label: string, value: string): void => void process.stdout.write(`${label.padEnd(60)} ${value}\n`);
    line(
      `raw client: ${FUNCTIONS * 3} objects (before, after)`,
      `${(before / 1000).toFixed(1)} s, ${(after / 1000).toFixed(1)} s (mean ${((FUNCTIONS * 3) / (rawMs / 1000)).toFixed(0)} objects/s)`,
    );
    line(
      `raw client, create-only server-side apply: ${FUNCTIONS * 3} objects`,
      `${(applied / 1000).toFixed(1)} s, ratio ${(applied / rawMs).toFixed(2)}x (the API server's price of apply)`,
    );
    line(
      `controller catch-up: ${FUNCTIONS} existing Functions -> children`,
      `${(catchUp / 1000).toFixed(1)} s, ratio ${(catchUp / rawMs).toFixed(2)}x (goal <= 1.5x)`,
    );
    line(
      `controller live: create ${FUNCTIONS} Functions -> children`,
      `${(live.ms / 1000).toFixed(1)} s, ratio ${(live.ms / rawMs).toFixed(2)}x (includes the ${FUNCTIONS} Function creates)`,
    );
    line('controller RSS idle (goal <= 70 MB)', `${live.idle.toFixed(0)} MiB`);
    line(
      `controller RSS with ${FUNCTIONS} Functions (goal <= 150 MB)`,
      `${live.loaded.toFixed(0)} MiB (peak ${live.peak.toFixed(0)} MiB)`,
    );
  } finally {
    await plane.stop();
  }
}

await main();
