/**
 * Convergence, CPU and memory of the function controller (printed, never asserted).
 *
 *   npx nx run function-controller:bench      (builds the bundle first)
 *
 * On a private control plane without controller-manager and scheduler (so ReplicaSet and Pod churn does not
 * blur the comparison), in ROUNDS interleaved rounds, each in fresh namespaces, 8 requests in flight for every
 * writer:
 *   1. raw: a plain client creates the 3,000 children of 1,000 Functions (ConfigMap, Service, Deployment,
 *      exactly what the controller would create): the baseline;
 *   2. by hand, catch-up: the controller's own writes for 1,000 existing Functions made by a plain client
 *      (three create-only server-side applies with the controller's options, and the status merge patch):
 *      what converging costs at the least;
 *   3. catch-up: 1,000 Functions exist when the bundled controller starts (8 workers, its own process); the
 *      clock runs from its start until all 3,000 children exist (seen through a watch);
 *   4. by hand, live: the Function create and the same four writes, per Function;
 *   5. live: the controller is idle, then 1,000 Functions are created; the clock stops when all children exist.
 * The API server's request counters give each run's writes; /proc gives the controller's CPU and RSS.
 *
 * BENCH_FUNCTIONS=<n> changes the count, ROUNDS=<n> the rounds (default 2); BENCH_COMPARE_BUNDLE=<main.mjs> (and
 * BENCH_COMPARE_LABEL) runs a build of another revision in the same rounds; BENCH_CPU_PROF=<dir> profiles the
 * controller; BENCH_WRITE_DOCS=1 regenerates its section of docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { machine, processCpuMs, writeDocsSection } from '@kubeless-ts/bench-kit';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultKubelessConfigData, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction } from '@kubeless-ts/api/testing';
import { Informer } from '@kubeless-ts/controller-kit';
import { applyCreateOnlyByHand, timedWithCpu } from '@kubeless-ts/controller-testing';
import { createKubeClients, type Deployment, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { desired, type DesiredChildren } from '../src/desired-children.js';
import { ensureCrds } from '../test/cluster.js';
import { apiWrites, writesBetween } from './api-writes.js';
import { report, type ControllerRun, type Run } from './reconcile-report.js';

const FUNCTIONS = Number(process.env['BENCH_FUNCTIONS'] ?? 1000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 2);
const IN_FLIGHT = 8;
const WORKERS = 8;
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

const config = parseKubelessConfig(defaultKubelessConfigData());

/** The children the controller derives from `fn` (as it would with the live Function's uid). */
function childrenOf(fn: KubelessFunction): DesiredChildren {
  if (!config.ok) throw new Error('default kubeless-config does not parse');
  const state = desired({ fn, config: config.value });
  if (!state.ok) throw new Error(state.problem.message);
  return state.children;
}

const plain = <T extends { metadata?: object }>(child: T): T => ({
  ...child,
  metadata: { ...child.metadata, ownerReferences: undefined },
});

/** Wall time, the bench process's CPU and the writes the API server served, of a plain client's work. */
async function byClient(admin: KubeClients, work: () => Promise<unknown>): Promise<Run> {
  const before = await apiWrites(admin);
  const timed = await timedWithCpu(work);
  return { ...timed, writes: writesBetween(before, await apiWrites(admin)) };
}

/** 1. The baseline: the same 3,000 objects by plain creates. */
function raw(admin: KubeClients, namespace: string): Promise<Run> {
  const objects = functions(namespace).map((fn, i) =>
    childrenOf({ ...fn, metadata: { ...fn.metadata, uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` } }),
  );
  return byClient(admin, () =>
    inParallel(objects, IN_FLIGHT, async (children) => {
      await admin.configMaps.create(plain(children.configMap));
      await admin.services.create(plain(children.service));
      await admin.deployments.create(plain(children.deployment));
    }),
  );
}

/** The controller's four writes for one existing Function: its three children, then its status. */
async function controllerWrites(admin: KubeClients, fn: KubelessFunction): Promise<void> {
  const children = childrenOf(fn);
  await applyCreateOnlyByHand(admin.configMaps, children.configMap);
  await applyCreateOnlyByHand(admin.services, children.service);
  await applyCreateOnlyByHand(admin.deployments, children.deployment);
  const status = {
    observedGeneration: fn.metadata.generation,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'Deploying',
        message: 'bench',
        lastTransitionTime: new Date().toISOString(),
      },
    ],
  };
  await admin.functions.patchStatus(
    fn.metadata.name ?? '',
    { type: 'merge', patch: { status } },
    { namespace: fn.metadata.namespace },
  );
}

/** 2. and 4. The controller's writes by a plain client, for existing Functions (catch-up) or with their creates (live). */
async function byHand(admin: KubeClients, namespace: string, live: boolean): Promise<Run> {
  const existing = live ? [] : await createFunctions(admin, namespace);
  return byClient(admin, () =>
    live
      ? inParallel(functions(namespace), IN_FLIGHT, async (fn) =>
          controllerWrites(admin, await admin.functions.create(fn)),
        )
      : inParallel(existing, IN_FLIGHT, (fn) => controllerWrites(admin, fn)),
  );
}

async function createFunctions(admin: KubeClients, namespace: string): Promise<KubelessFunction[]> {
  const created: KubelessFunction[] = [];
  await inParallel(functions(namespace), IN_FLIGHT, async (fn) => created.push(await admin.functions.create(fn)));
  return created;
}

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** BENCH_CPU_PROF=<dir>: each controller run writes a V8 CPU profile there when it exits (Chrome DevTools, speedscope). */
const CPU_PROFILE_DIR = process.env['BENCH_CPU_PROF'];

/** BENCH_COMPARE_BUNDLE=<main.mjs>: a controller built from another revision, run in the same rounds (before/after). */
const COMPARE_BUNDLE = process.env['BENCH_COMPARE_BUNDLE'];
const BUNDLE = join(workspace, 'dist/apps/function-controller/main.mjs');

function spawnController(kubeconfigPath: string, bundle: string): ChildProcess {
  const profile = CPU_PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`];
  return spawn(
    process.execPath,
    [...profile, bundle, '--leader-elect=false', '--health-port=0', `--workers=${WORKERS}`],
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
 * Sees the children arrive through one watch (the kit's informer) instead of listing: lists would load the API
 * server during the controller runs only. The controller writes a Function's Deployment after its ConfigMap and
 * Service, so the Deployments arrive last.
 */
function watchDeployments(admin: KubeClients, namespace: string): { arrived: () => Promise<void>; stop: () => void } {
  const stop = new AbortController();
  const informer = new Informer<Deployment>({
    name: 'bench-deployments',
    listWatch: admin.listWatch(admin.deployments, { namespace, labelSelector: 'created-by=kubeless' }),
  });
  void informer.run(stop.signal);
  const arrived = (): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (informer.hasSynced() && informer.list().length >= FUNCTIONS) resolve();
      };
      informer.addEventHandler({ onAdd: check });
      void informer.waitForSync(stop.signal).then(check);
    });
  return { arrived, stop: () => stop.abort() };
}

/** functions-namespace is read at start, so each run points kubeless-config at its own namespace first. */
async function scopeTo(admin: KubeClients, namespace: string): Promise<void> {
  const data = defaultKubelessConfigData({ functionsNamespace: namespace });
  const existing = await admin.configMaps.find('kubeless-config', { namespace: 'kubeless' });
  if (existing === undefined)
    await admin.configMaps.create({ metadata: { name: 'kubeless-config', namespace: 'kubeless' }, data });
  else await admin.configMaps.replace({ ...existing, data });
}

/** The controller's figures over one window: from `started` (wall clock, its CPU so far, the server's counts) to all children. */
async function untilChildren(
  admin: KubeClients,
  child: ChildProcess,
  deployments: ReturnType<typeof watchDeployments>,
  work: () => Promise<unknown>,
): Promise<ControllerRun> {
  const pid = child.pid ?? 0;
  const writes = await apiWrites(admin);
  const cpu = processCpuMs(pid);
  const benchCpu = process.cpuUsage();
  const started = performance.now();
  await work();
  await deployments.arrived();
  const ms = performance.now() - started;
  const used = process.cpuUsage(benchCpu);
  deployments.stop();
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    controllerCpuMs: processCpuMs(pid) - cpu,
    writes: writesBetween(writes, await apiWrites(admin)),
    rss: rssMiB(pid),
  };
}

/** 3. Catch-up: the Functions exist; the clock runs from the controller's start (its start-up CPU included). */
async function catchUp(
  admin: KubeClients,
  kubeconfigPath: string,
  namespace: string,
  bundle = BUNDLE,
): Promise<ControllerRun> {
  await scopeTo(admin, namespace);
  await createFunctions(admin, namespace);
  const deployments = watchDeployments(admin, namespace);
  let child: ChildProcess | undefined;
  try {
    return await untilChildren(
      admin,
      (child = spawnController(kubeconfigPath, bundle)),
      deployments,
      async () => undefined,
    );
  } finally {
    if (child !== undefined) await stopController(child);
  }
}

/** 5. Live: the controller idles 5 s (idle RSS), then the Functions are created while it runs. */
async function live(
  admin: KubeClients,
  kubeconfigPath: string,
  namespace: string,
  bundle = BUNDLE,
): Promise<ControllerRun & { idleRss: number }> {
  await scopeTo(admin, namespace);
  const deployments = watchDeployments(admin, namespace);
  const child = spawnController(kubeconfigPath, bundle);
  try {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idleRss = rssMiB(child.pid ?? 0).rss;
    const run = await untilChildren(admin, child, deployments, () =>
      inParallel(functions(namespace), IN_FLIGHT, (fn) => admin.functions.create(fn)),
    );
    return { ...run, idleRss };
  } finally {
    await stopController(child);
  }
}

async function main(): Promise<void> {
  process.stdout.write(`starting a private control plane (no controller-manager, no scheduler)...\n`);
  const plane = await startControlPlane({ controllerManager: false, scheduler: false });
  try {
    const admin = await createKubeClients({
      kubeconfig: plane.kubeconfigPath,
      fieldManager: 'bench',
      env: {},
      requestTimeoutMs: 60_000,
    });
    await ensureCrds(admin);
    await admin.namespaces.create({ metadata: { name: 'kubeless' } });
    const namespace = async (name: string): Promise<string> => {
      await admin.namespaces.create({ metadata: { name } });
      return name;
    };
    const start = machine();
    const rounds = [];
    for (let r = 1; r <= ROUNDS; r += 1) {
      rounds.push({
        raw: await raw(admin, await namespace(`bench-raw-${r}`)),
        byHandCatchUp: await byHand(admin, await namespace(`bench-hand-${r}`), false),
        catchUp: await catchUp(admin, plane.kubeconfigPath, await namespace(`bench-catch-up-${r}`)),
        byHandLive: await byHand(admin, await namespace(`bench-hand-live-${r}`), true),
        live: await live(admin, plane.kubeconfigPath, await namespace(`bench-live-${r}`)),
        compare:
          COMPARE_BUNDLE === undefined
            ? undefined
            : {
                catchUp: await catchUp(
                  admin,
                  plane.kubeconfigPath,
                  await namespace(`bench-cmp-catch-up-${r}`),
                  COMPARE_BUNDLE,
                ),
                live: await live(admin, plane.kubeconfigPath, await namespace(`bench-cmp-live-${r}`), COMPARE_BUNDLE),
              },
      });
      process.stdout.write(`round ${r} of ${ROUNDS} measured\n`);
    }
    const section = report({
      functions: FUNCTIONS,
      inFlight: IN_FLIGHT,
      workers: WORKERS,
      rounds,
      start,
      end: machine(),
      compareLabel: process.env['BENCH_COMPARE_LABEL'],
    });
    writeDocsSection('function-controller', section);
  } finally {
    await plane.stop();
  }
}

await main();
