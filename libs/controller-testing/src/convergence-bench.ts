/**
 * The convergence bench every trigger controller runs: how long the controller takes to make N new triggers
 * Ready against a real API server, compared in the same interleaved rounds with the time the same server needs
 * for N plain ConfigMap creates (the baseline), for the same N triggers created with no controller, and
 * any baselines of the controller's own; with the CPU the bench process spent in each, and the pure desired+plan
 * cost per trigger against a structuredClone of it. Printed, never asserted.
 *   TRIGGERS (default 200), ROUNDS (default 3), WORKERS (default 2, the controllers' default; a second
 *   convergence with 8 workers, the writers' concurrency, runs in each round); KUBELESS_TS_KUBECONFIG if set,
 *   else a control plane of its own.
 */
import type { Condition } from '@kubeless-ts/api';
import {
  applyOptions,
  Informer,
  silentLogger,
  type KubeObject,
  type ListWatch,
  type RunningController,
  type TriggerControllerOptions,
} from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { machine } from '@kubeless-ts/bench-kit';
import { timedWithCpu, type Timed } from './bench-measures.js';
import {
  benchRow,
  convergenceReport,
  reconcileFigures,
  type ConvergenceFigures,
  type RoundFigures,
} from './convergence-report.js';
import { createNamespace, installKubelessCrds } from './controller-test-cluster.js';

export { benchRow };

const CONCURRENCY = 8;
/** The writers' concurrency: the second convergence of each round runs this many workers. */
const WIDE_WORKERS = CONCURRENCY;

/** Runs `work(0 … n-1)` on CONCURRENCY concurrent clients, as the bench's writers. */
export async function inParallel(n: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

export interface BenchContext {
  readonly admin: KubeClients;
  readonly count: number;
  /** A namespace for the bench, deleted at its end. */
  namespace(prefix: string): Promise<string>;
}

/** A baseline of the controller's own, measured in every round before the controller starts. */
export interface ExtraBaseline {
  /** Untimed: makes what the writes need and returns the write of item `i`, which is timed. */
  readonly prepare: (context: BenchContext) => Promise<(i: number) => Promise<unknown>>;
  /** The printed lines, given the baseline's and the convergence's times (medians over the rounds). */
  readonly report: (figures: { readonly baselineMs: number; readonly convergedMs: number }) => readonly string[];
  /** Its row in the docs table. */
  readonly label: string;
}

/** A trigger as the bench reads it: Ready or not. */
export interface BenchTrigger extends KubeObject {
  readonly status?: { readonly conditions?: readonly Condition[] };
}

export interface ConvergenceBenchSubject {
  readonly controller: string;
  /** e.g. `HTTPTrigger`, `Ingress`: for the printed lines. */
  readonly triggerKind: string;
  readonly childKind: string;
  readonly namespacePrefix: string;
  readonly fieldManager: string;
  readonly start: (options: TriggerControllerOptions<KubeClients>) => RunningController;
  /** What every trigger calls, made before the triggers (the Function, its Service). */
  readonly prepare: (admin: KubeClients, ns: string) => Promise<void>;
  readonly createTrigger: (admin: KubeClients, ns: string, i: number) => Promise<unknown>;
  /** The triggers of a namespace, watched: the bench sees them turn Ready through one watch, not by listing. */
  readonly watchTriggers: (admin: KubeClients, ns: string) => ListWatch<BenchTrigger>;
  /** One trigger's pure desired+plan, `rounds` times against as many structuredClones of `trigger`. */
  readonly planning: { readonly rounds: number; readonly trigger: unknown; readonly plan: () => unknown };
  readonly extraBaselines?: readonly ExtraBaseline[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isReady = (trigger: BenchTrigger): boolean =>
  trigger.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

/** Resolves once `count` triggers of the namespace are Ready, as one watch sees them. */
async function allReady(listWatch: ListWatch<BenchTrigger>, count: number, signal: AbortSignal): Promise<void> {
  const informer = new Informer<BenchTrigger>({ name: 'bench-triggers', listWatch });
  void informer.run(signal);
  await informer.waitForSync(signal);
  while (informer.list().filter(isReady).length < count) await sleep(20);
}

/** The controller on a namespace of its own: N triggers created (8 in flight) until all are Ready. */
async function converge(
  subject: ConvergenceBenchSubject,
  context: BenchContext,
  kubeconfig: string,
  workers: number,
): Promise<{ readonly timed: Timed; readonly createdMs: number; readonly reconciles: string }> {
  const { admin, count } = context;
  const ns = await context.namespace(subject.namespacePrefix);
  const stop = new AbortController();
  const controller = subject.start({
    clients: await createKubeClients({ kubeconfig, fieldManager: subject.fieldManager, env: {} }),
    watchNamespace: ns,
    identity: 'bench',
    workers,
    signal: stop.signal,
    logger: silentLogger(),
    processMetrics: false,
  });
  try {
    await subject.prepare(admin, ns);
    while (!controller.ready()) await sleep(50);
    let createdMs = 0;
    const timed = await timedWithCpu(async () => {
      const started = performance.now();
      await inParallel(count, (i) => subject.createTrigger(admin, ns, i).then(() => void 0));
      createdMs = performance.now() - started;
      await allReady(subject.watchTriggers(admin, ns), count, stop.signal);
    });
    return { timed, createdMs, reconciles: await reconcileFigures(controller.registry, count) };
  } finally {
    stop.abort();
    await controller.done;
  }
}

/** One round: the baselines, then the controller with its default workers and with the writers' concurrency. */
async function round(subject: ConvergenceBenchSubject, context: BenchContext, kubeconfig: string, workers: number) {
  const { admin, count } = context;
  const cmNs = await context.namespace(`${subject.namespacePrefix}-cm`);
  const configMaps = await timedWithCpu(() =>
    inParallel(count, (i) =>
      admin.configMaps.create({ metadata: { name: `baseline-${i}`, namespace: cmNs }, data: { i: String(i) } }),
    ),
  );
  const plainNs = await context.namespace(`${subject.namespacePrefix}-plain`);
  const triggers = await timedWithCpu(() => inParallel(count, (i) => subject.createTrigger(admin, plainNs, i)));
  const extras: Timed[] = [];
  for (const extra of subject.extraBaselines ?? []) {
    const write = await extra.prepare(context);
    extras.push(await timedWithCpu(() => inParallel(count, write)));
  }
  const narrow = await converge(subject, context, kubeconfig, workers);
  const wide = await converge(subject, context, kubeconfig, WIDE_WORKERS);
  const figures: RoundFigures = { configMaps, triggers, extras, narrow, wide };
  return figures;
}

/** Runs the bench and prints its figures; resolves with its docs section (markdown). */
export async function runConvergenceBench(subject: ConvergenceBenchSubject): Promise<string> {
  const count = Number(process.env['TRIGGERS'] ?? 200);
  const rounds = Number(process.env['ROUNDS'] ?? 3);
  const workers = Number(process.env['WORKERS'] ?? 2);
  const own = process.env['KUBELESS_TS_KUBECONFIG']
    ? undefined
    : await startControlPlane({ controllerManager: false, scheduler: false });
  const kubeconfig = process.env['KUBELESS_TS_KUBECONFIG'] ?? own?.kubeconfigPath ?? '';
  const namespaces: string[] = [];
  try {
    const admin = await createKubeClients({ kubeconfig, fieldManager: 'bench', env: {} });
    await installKubelessCrds(admin);
    const context: BenchContext = {
      admin,
      count,
      namespace: async (prefix) => {
        const name = await createNamespace(admin, prefix);
        namespaces.push(name);
        return name;
      },
    };
    const start = machine();
    const measured: RoundFigures[] = [];
    for (let i = 0; i < rounds; i += 1) measured.push(await round(subject, context, kubeconfig, workers));
    const figures: ConvergenceFigures = {
      count,
      concurrency: CONCURRENCY,
      workers,
      wideWorkers: WIDE_WORKERS,
      rounds: measured,
      start,
      end: machine(),
      ownControlPlane: own !== undefined,
    };
    const markdown = convergenceReport(subject, figures);
    for (const ns of namespaces) await admin.namespaces.delete(ns, { ignoreNotFound: true });
    return markdown;
  } finally {
    await own?.stop();
  }
}

/** A trigger's Ready status as a plain client applies it: its identity, its spec (required by its type) and status. */
interface ReadyStatusPatch {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string };
  readonly spec: unknown;
  readonly status?: { readonly observedGeneration?: number; readonly conditions?: Condition[] };
}

/** The apply options of the controllers' writes, for a plain client's (never cancelled). */
const AS_THE_CONTROLLERS = applyOptions(new AbortController().signal);

/** A child created the way the controllers create it: a forced, create-only server-side apply. */
export async function applyCreateOnlyByHand<T extends { readonly metadata?: object }>(
  client: { apply(object: T, options: typeof AS_THE_CONTROLLERS): Promise<unknown> },
  child: T,
): Promise<void> {
  await client.apply({ ...child, metadata: { ...child.metadata, resourceVersion: '1' } }, AS_THE_CONTROLLERS);
}

/** Writes the Ready status a controller would, by server-side apply on the status subresource, as a plain client. */
export async function applyReadyByHand(
  client: { applyStatus(object: ReadyStatusPatch, options: typeof AS_THE_CONTROLLERS): Promise<unknown> },
  created: ReadyStatusPatch,
  reason: string,
): Promise<void> {
  const ready: Condition = {
    type: 'Ready',
    status: 'True',
    reason,
    message: 'ready',
    lastTransitionTime: new Date().toISOString(),
  };
  const { apiVersion, kind, spec, metadata } = created;
  await client.applyStatus(
    {
      apiVersion,
      kind,
      spec,
      metadata: { name: metadata.name, namespace: metadata.namespace },
      status: { observedGeneration: 1, conditions: [ready] },
    },
    AS_THE_CONTROLLERS,
  );
}

/**
 * The baseline of the same three writes per trigger (create the trigger, apply its child, apply its Ready
 * status) made by a plain client, same concurrency and no controller: what convergence costs at the least.
 */
export function sameWritesByHand(prepare: ExtraBaseline['prepare']): ExtraBaseline {
  return {
    label: 'the same 3 writes per trigger by a plain client',
    prepare,
    report: ({ baselineMs, convergedMs }) => [
      benchRow('baseline: the same 3 writes by a plain client', `${baselineMs.toFixed(0)} ms`),
      benchRow(
        '  ratio to Ready (default workers) / by hand',
        `${(convergedMs / baselineMs).toFixed(2)}x (the controller's own overhead)`,
      ),
    ],
  };
}
