// How long the controller takes to route N new triggers, against a real API server, compared with
// the time the same server needs for N plain ConfigMap creates (baseline, same run). Also the pure
// desired+plan cost per trigger vs a structuredClone of it. Printed, never asserted.
//   npx nx run http-trigger-controller:bench   (TRIGGERS=200; uses KUBELESS_TS_KUBECONFIG if set, else starts its own control plane)
import { performance } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { anHTTPTrigger, aFunction } from '@kubeless-ts/api/testing';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS, findCondition } from '@kubeless-ts/api';
import { silentLogger } from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { desiredIngress } from '../src/desired-ingress.js';
import { FIELD_MANAGER, startHttpTriggerController } from '../src/http-trigger-controller.js';
import { planIngress } from '../src/ingress-plan.js';
import { createNamespace, installKubelessCrds } from '../test/cluster-fixture.js';
import { functionService } from '../test/http-trigger-env.js';

const count = Number(process.env['TRIGGERS'] ?? 200);
const CONCURRENCY = 8;

async function inParallel(n: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

async function allReady(clients: KubeClients, ns: string): Promise<number> {
  const page = await clients.httpTriggers.list({ namespace: ns });
  return page.items.filter((t) => findCondition(t.status?.conditions, 'Ready')?.status === 'True').length;
}

function planningMicrobench(): { planUs: number; cloneUs: number } {
  const trigger = anHTTPTrigger()
    .named('web')
    .inNamespace('ns')
    .forFunction('hello')
    .withHost('a.example.com')
    .withCors()
    .build();
  trigger.metadata.uid = 'u';
  trigger.metadata.annotations = { a: '1', b: '2' };
  const fn = aFunction().named('hello').inNamespace('ns').build();
  const service = functionService('ns', 'hello');
  const rounds = 50_000;
  let started = performance.now();
  for (let i = 0; i < rounds; i += 1)
    planIngress(
      trigger,
      desiredIngress({ trigger, fn, service, allowedAnnotations: DEFAULT_HTTP_TRIGGER_ANNOTATIONS }),
      { child: undefined, appliedAnnotations: [], appliedLabels: [] },
    );
  const planUs = ((performance.now() - started) * 1000) / rounds;
  started = performance.now();
  for (let i = 0; i < rounds; i += 1) structuredClone(trigger);
  const cloneUs = ((performance.now() - started) * 1000) / rounds;
  return { planUs, cloneUs };
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

async function main(): Promise<void> {
  const own = process.env['KUBELESS_TS_KUBECONFIG']
    ? undefined
    : await startControlPlane({ controllerManager: false, scheduler: false });
  const kubeconfig = process.env['KUBELESS_TS_KUBECONFIG'] ?? own?.kubeconfigPath ?? '';
  const stop = new AbortController();
  try {
    const admin = await createKubeClients({ kubeconfig, fieldManager: 'bench', env: {} });
    await installKubelessCrds(admin);
    const ns = await createNamespace(admin, 'htc-bench');
    let started = performance.now();
    await inParallel(count, (i) =>
      admin.configMaps.create({ metadata: { name: `baseline-${i}`, namespace: ns }, data: { i: String(i) } }),
    );
    const baselineMs = performance.now() - started;

    const controller = startHttpTriggerController({
      clients: await createKubeClients({ kubeconfig, fieldManager: FIELD_MANAGER, env: {} }),
      watchNamespace: ns,
      identity: 'bench',
      signal: stop.signal,
      logger: silentLogger(),
      processMetrics: false,
    });
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    await admin.services.create(functionService(ns, 'hello'));
    while (!controller.ready()) await new Promise((resolve) => setTimeout(resolve, 50));

    started = performance.now();
    await inParallel(count, (i) =>
      admin.httpTriggers.create(
        anHTTPTrigger().named(`web-${i}`).inNamespace(ns).forFunction('hello').withHost(`web-${i}.example.com`).build(),
      ),
    );
    const createdMs = performance.now() - started;
    while ((await allReady(admin, ns)) < count) await new Promise((resolve) => setTimeout(resolve, 100));
    const convergedMs = performance.now() - started;
    const { planUs, cloneUs } = planningMicrobench();

    console.log(`http-trigger-controller bench, ${count} triggers, ${CONCURRENCY} concurrent client writes`);
    console.log(
      `  baseline: ${count} ConfigMap creates            ${baselineMs.toFixed(0)} ms (${(baselineMs / count).toFixed(2)} ms each)`,
    );
    console.log(`  ${count} HTTPTrigger creates                  ${createdMs.toFixed(0)} ms`);
    console.log(
      `  until all Ready (Ingress + status written)    ${convergedMs.toFixed(0)} ms (${(convergedMs / count).toFixed(2)} ms per trigger)`,
    );
    console.log(
      `  ratio convergence / baseline                 ${(convergedMs / baselineMs).toFixed(2)}x (each trigger costs 3 writes: trigger, Ingress, status)`,
    );
    console.log(
      `  desired+plan per trigger ${planUs.toFixed(2)} µs vs structuredClone ${cloneUs.toFixed(2)} µs: ${(planUs / cloneUs).toFixed(2)}x`,
    );
    console.log(`  controller: ${await reconcileFigures(controller.registry)}`);
    stop.abort();
    await controller.done;
    await admin.namespaces.delete(ns, { ignoreNotFound: true });
  } finally {
    stop.abort();
    await own?.stop();
  }
}

await main();
