/**
 * The convergence bench every trigger controller runs: how long the controller takes to make N new triggers
 * Ready against a real API server, compared with the time the same server needs for N plain ConfigMap
 * creates (baseline, same run) and any baselines of the controller's own; and the pure desired+plan cost
 * per trigger against a structuredClone of it. Printed, never asserted.
 *   TRIGGERS (default 200), WORKERS (default 2); KUBELESS_TS_KUBECONFIG if set, else a control plane of its own.
 */
import { performance } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { findCondition, type Condition } from '@kubeless-ts/api';
import { silentLogger, type RunningController, type TriggerControllerOptions } from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { createNamespace, installKubelessCrds } from './controller-test-cluster.js';

const CONCURRENCY = 8;

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

/** A baseline of the controller's own, measured before the controller starts. */
export interface ExtraBaseline {
  /** Untimed: makes what the writes need and returns the write of item `i`, which is timed. */
  readonly prepare: (context: BenchContext) => Promise<(i: number) => Promise<unknown>>;
  /** The printed lines, given the baseline's and the convergence's times. */
  readonly report: (figures: { readonly baselineMs: number; readonly convergedMs: number }) => readonly string[];
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
  readonly listTriggers: (
    admin: KubeClients,
    ns: string,
  ) => Promise<readonly { readonly status?: { readonly conditions?: readonly Condition[] } }[]>;
  /** One trigger's pure desired+plan, `rounds` times against as many structuredClones of `trigger`. */
  readonly planning: { readonly rounds: number; readonly trigger: unknown; readonly plan: () => unknown };
  readonly extraBaselines?: readonly ExtraBaseline[];
}

function perCall(rounds: number, work: () => unknown): number {
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) work();
  return ((performance.now() - started) * 1000) / rounds;
}

/** Reconciles, failures and mean reconcile time, from the controller's own metrics. */
async function reconcileFigures(registry: Registry): Promise<string> {
  const values = (await registry.getMetricsAsJSON()).flatMap((metric) =>
    metric.values.map((value) => ({
      name: (value as { metricName?: string }).metricName ?? metric.name,
      value: value.value,
    })),
  );
  const sum = (name: string): number => values.filter((v) => v.name === name).reduce((total, v) => total + v.value, 0);
  const reconciles = sum('controller_runtime_reconcile_total');
  const meanMs =
    (sum('controller_runtime_reconcile_time_seconds_sum') /
      Math.max(1, sum('controller_runtime_reconcile_time_seconds_count'))) *
    1000;
  return `${reconciles} reconciles (${sum('controller_runtime_reconcile_errors_total')} failed), mean ${meanMs.toFixed(1)} ms`;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** A line of the report, its figures aligned with the others' (for an extra baseline's lines too). */
export const benchRow = (label: string, value: string): string => `  ${label.padEnd(45)} ${value}`;

async function measure(subject: ConvergenceBenchSubject, context: BenchContext, kubeconfig: string, stop: AbortSignal) {
  const { admin, count } = context;
  const ns = await context.namespace(subject.namespacePrefix);
  const baselineMs = await timed(() =>
    inParallel(count, (i) =>
      admin.configMaps.create({ metadata: { name: `baseline-${i}`, namespace: ns }, data: { i: String(i) } }),
    ),
  );
  const extraMs: number[] = [];
  for (const extra of subject.extraBaselines ?? []) {
    const write = await extra.prepare(context);
    extraMs.push(await timed(() => inParallel(count, write)));
  }
  const controller = subject.start({
    clients: await createKubeClients({ kubeconfig, fieldManager: subject.fieldManager, env: {} }),
    watchNamespace: ns,
    identity: 'bench',
    workers: Number(process.env['WORKERS'] ?? 2),
    signal: stop,
    logger: silentLogger(),
    processMetrics: false,
  });
  await subject.prepare(admin, ns);
  while (!controller.ready()) await sleep(50);
  const started = performance.now();
  await inParallel(count, (i) => subject.createTrigger(admin, ns, i));
  const createdMs = performance.now() - started;
  const ready = async (): Promise<number> =>
    (await subject.listTriggers(admin, ns)).filter(
      (t) => findCondition(t.status?.conditions, 'Ready')?.status === 'True',
    ).length;
  while ((await ready()) < count) await sleep(100);
  const convergedMs = performance.now() - started;
  return { controller, baselineMs, extraMs, createdMs, convergedMs };
}

async function report(subject: ConvergenceBenchSubject, count: number, figures: Awaited<ReturnType<typeof measure>>) {
  const { baselineMs, createdMs, convergedMs, extraMs, controller } = figures;
  const { rounds, trigger, plan } = subject.planning;
  const planUs = perCall(rounds, plan);
  const cloneUs = perCall(rounds, () => structuredClone(trigger));
  const lines = [
    `${subject.controller} bench, ${count} triggers, ${CONCURRENCY} concurrent client writes`,
    benchRow(
      `baseline: ${count} ConfigMap creates`,
      `${baselineMs.toFixed(0)} ms (${(baselineMs / count).toFixed(2)} ms each)`,
    ),
    benchRow(`${count} ${subject.triggerKind} creates`, `${createdMs.toFixed(0)} ms`),
    benchRow(
      `until all Ready (${subject.childKind} + status written)`,
      `${convergedMs.toFixed(0)} ms (${(convergedMs / count).toFixed(2)} ms per trigger)`,
    ),
    benchRow(
      'ratio convergence / baseline',
      `${(convergedMs / baselineMs).toFixed(2)}x (each trigger costs 3 writes: trigger, ${subject.childKind}, status)`,
    ),
    ...(subject.extraBaselines ?? []).flatMap((extra, i) => extra.report({ baselineMs: extraMs[i] ?? 0, convergedMs })),
    `  desired+plan per trigger ${planUs.toFixed(2)} µs vs structuredClone ${cloneUs.toFixed(2)} µs: ${(planUs / cloneUs).toFixed(2)}x`,
    `  controller: ${await reconcileFigures(controller.registry)}`,
  ];
  for (const line of lines) console.log(line);
}

/** Runs the bench once and prints its figures; the process's only output. */
export async function runConvergenceBench(subject: ConvergenceBenchSubject): Promise<void> {
  const count = Number(process.env['TRIGGERS'] ?? 200);
  const own = process.env['KUBELESS_TS_KUBECONFIG']
    ? undefined
    : await startControlPlane({ controllerManager: false, scheduler: false });
  const kubeconfig = process.env['KUBELESS_TS_KUBECONFIG'] ?? own?.kubeconfigPath ?? '';
  const stop = new AbortController();
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
    const figures = await measure(subject, context, kubeconfig, stop.signal);
    await report(subject, count, figures);
    stop.abort();
    await figures.controller.done;
    for (const ns of namespaces) await admin.namespaces.delete(ns, { ignoreNotFound: true });
  } finally {
    stop.abort();
    await own?.stop();
  }
}
