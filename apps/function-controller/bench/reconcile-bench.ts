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
 *      the clock stops when all 3,000 children exist; RSS is read again;
 *   3. catch-up: 1,000 Functions already exist when the controller starts; the
 *      clock runs from its start until all 3,000 children exist (the reconcile
 *      work alone, comparable to the raw client's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultKubelessConfigData, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction } from '@kubeless-ts/api/testing';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { desired } from '../src/desired-children.js';
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

async function baseline(clients: KubeClients, namespace: string): Promise<number> {
  const config = parseKubelessConfig(defaultKubelessConfigData());
  if (!config.ok) throw new Error('default kubeless-config does not parse');
  const objects = functions(namespace).map((fn, i) => {
    const state = desired({ fn: { ...fn, metadata: { ...fn.metadata, uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` } }, config: config.value });
    if (!state.ok) throw new Error(state.problem.message);
    return state.children;
  });
  const started = performance.now();
  await inParallel(objects, IN_FLIGHT, async (children) => {
    const plain = <T extends { metadata?: object }>(child: T): T => ({ ...child, metadata: { ...child.metadata, ownerReferences: undefined } });
    await clients.configMaps.create(plain(children.configMap));
    await clients.services.create(plain(children.service));
    await clients.deployments.create(plain(children.deployment));
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
  const [cms, svcs, deps] = await Promise.all([clients.configMaps.listAll(selector), clients.services.listAll(selector), clients.deployments.listAll(selector)]);
  return cms.items.length + svcs.items.length + deps.items.length;
}

function spawnController(kubeconfigPath: string): ChildProcess {
  return spawn(process.execPath, [join(workspace, 'dist/apps/function-controller/main.mjs'), '--leader-elect=false', '--health-port=0', '--workers=8'], {
    env: { ...process.env, KUBECONFIG: kubeconfigPath, KUBELESS_NAMESPACE: 'kubeless', KUBELESS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopController(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

async function waitForChildren(clients: KubeClients, namespace: string): Promise<void> {
  while ((await countChildren(clients, namespace)) < FUNCTIONS * 3) await new Promise((resolve) => setTimeout(resolve, 250));
}

/** functions-namespace is read at start, so each run points kubeless-config at its own namespace first. */
async function scopeTo(clients: KubeClients, namespace: string): Promise<void> {
  const data = defaultKubelessConfigData({ functionsNamespace: namespace });
  const existing = await clients.configMaps.find('kubeless-config', { namespace: 'kubeless' });
  if (existing === undefined) await clients.configMaps.create({ metadata: { name: 'kubeless-config', namespace: 'kubeless' }, data });
  else await clients.configMaps.replace({ ...existing, data });
}

/** Live: the controller is idle, then 1,000 Functions are created while it runs. */
async function liveRun(clients: KubeClients, kubeconfigPath: string, namespace: string): Promise<{ ms: number; idle: number; loaded: number; peak: number }> {
  await scopeTo(clients, namespace);
  const child = spawnController(kubeconfigPath);
  try {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = rssMiB(child.pid ?? 0).rss;
    const started = performance.now();
    await inParallel(functions(namespace), IN_FLIGHT, (fn) => clients.functions.create(fn));
    await waitForChildren(clients, namespace);
    const ms = performance.now() - started;
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
  const started = performance.now();
  const child = spawnController(kubeconfigPath);
  try {
    await waitForChildren(clients, namespace);
    return performance.now() - started;
  } finally {
    await stopController(child);
  }
}

async function main(): Promise<void> {
  process.stdout.write(`starting a private control plane (no controller-manager, no scheduler)...\n`);
  const plane = await startControlPlane({ controllerManager: false, scheduler: false });
  try {
    const clients = await createKubeClients({ kubeconfig: plane.kubeconfigPath, fieldManager: 'bench', env: {}, requestTimeoutMs: 60_000 });
    await ensureCrds(clients);
    for (const name of ['kubeless', 'bench-raw-1', 'bench-raw-2', 'bench-live', 'bench-catch-up']) await clients.namespaces.create({ metadata: { name } });
    // The baseline runs before and after the controller: this machine is shared, and its load drifts.
    const before = await baseline(clients, 'bench-raw-1');
    const live = await liveRun(clients, plane.kubeconfigPath, 'bench-live');
    const catchUp = await catchUpRun(clients, plane.kubeconfigPath, 'bench-catch-up');
    const after = await baseline(clients, 'bench-raw-2');
    const rawMs = (before + after) / 2;
    const line = (label: string, value: string): void => void process.stdout.write(`${label.padEnd(60)} ${value}\n`);
    line(`raw client: ${FUNCTIONS * 3} objects (before, after)`, `${(before / 1000).toFixed(1)} s, ${(after / 1000).toFixed(1)} s (mean ${((FUNCTIONS * 3) / (rawMs / 1000)).toFixed(0)} objects/s)`);
    line(`controller catch-up: ${FUNCTIONS} existing Functions -> children`, `${(catchUp / 1000).toFixed(1)} s, ratio ${(catchUp / rawMs).toFixed(2)}x (goal <= 1.5x)`);
    line(`controller live: create ${FUNCTIONS} Functions -> children`, `${(live.ms / 1000).toFixed(1)} s, ratio ${(live.ms / rawMs).toFixed(2)}x (includes the ${FUNCTIONS} Function creates)`);
    line('controller RSS idle (goal <= 70 MB)', `${live.idle.toFixed(0)} MiB`);
    line(`controller RSS with ${FUNCTIONS} Functions (goal <= 150 MB)`, `${live.loaded.toFixed(0)} MiB (peak ${live.peak.toFixed(0)} MiB)`);
  } finally {
    await plane.stop();
  }
}

await main();
