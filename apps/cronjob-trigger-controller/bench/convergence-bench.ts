// How long the controller takes to schedule N new triggers, against a real API server, compared with
// the time the same server needs for N plain ConfigMap creates (baseline, same run). Also the pure
// desired+plan cost per trigger vs a structuredClone of it. Printed, never asserted.
//   npx nx run cronjob-trigger-controller:bench   (TRIGGERS=200; uses KUBELESS_TS_KUBECONFIG if set, else starts its own control plane)
import { performance } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import { findCondition } from '@kubeless-ts/api';
import { silentLogger } from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane } from '@kubeless-ts/testenv';
import { planCronJob } from '../src/cronjob-plan.js';
import { FIELD_MANAGER, startCronJobTriggerController } from '../src/cronjob-trigger-controller.js';
import { desiredCronJob } from '../src/desired-cronjob.js';
import { createNamespace, installKubelessCrds } from '../test/cluster-fixture.js';
import { TEST_CONFIG } from '../test/cronjob-trigger-env.js';

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
  const page = await clients.cronJobTriggers.list({ namespace: ns });
  return page.items.filter((t) => findCondition(t.status?.conditions, 'Ready')?.status === 'True').length;
}

function planningMicrobench(): { planUs: number; cloneUs: number } {
  const trigger = aCronJobTrigger()
    .named('tick')
    .inNamespace('ns')
    .forFunction('hello')
    .withPayload({ a: [1, 2, 3] })
    .withTimezone('UTC')
    .build();
  trigger.metadata.uid = 'u';
  const fn = aFunction().named('hello').inNamespace('ns').build();
  const rounds = 20_000;
  let started = performance.now();
  for (let i = 0; i < rounds; i += 1)
    planCronJob(trigger, desiredCronJob({ trigger, fn, config: TEST_CONFIG }), {
      child: undefined,
      appliedAnnotations: [],
      appliedLabels: [],
    });
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
    const ns = await createNamespace(admin, 'cjt-bench');
    let started = performance.now();
    await inParallel(count, (i) =>
      admin.configMaps.create({ metadata: { name: `baseline-${i}`, namespace: ns }, data: { i: String(i) } }),
    );
    const baselineMs = performance.now() - started;

    // The same three writes per trigger made by a plain client (create the trigger, apply its CronJob,
    // apply its Ready status), same concurrency and no controller: what convergence costs at the least.
    const rawNs = await createNamespace(admin, 'cjt-bench-raw');
    const rawFn = await admin.functions.create(aFunction().named('hello').inNamespace(rawNs).build());
    started = performance.now();
    await inParallel(count, async (i) => {
      const created = await admin.cronJobTriggers.create(
        aCronJobTrigger().named(`tick-${i}`).inNamespace(rawNs).forFunction('hello').withSchedule('@yearly').build(),
      );
      const desired = desiredCronJob({ trigger: created, fn: rawFn, config: TEST_CONFIG });
      if (desired.kind === 'cronjob') await admin.cronJobs.apply(desired.cronJob, { force: true });
      const conditions = [
        {
          type: 'Ready',
          status: 'True' as const,
          reason: 'CronJobReady',
          message: 'ready',
          lastTransitionTime: new Date().toISOString(),
        },
      ];
      await admin.cronJobTriggers.applyStatus(
        {
          apiVersion: created.apiVersion,
          kind: created.kind,
          metadata: { name: created.metadata.name, namespace: rawNs },
          spec: created.spec,
          status: { observedGeneration: 1, conditions },
        },
        { force: true },
      );
    });
    const rawMs = performance.now() - started;

    const controller = startCronJobTriggerController({
      clients: await createKubeClients({ kubeconfig, fieldManager: FIELD_MANAGER, env: {} }),
      config: TEST_CONFIG,
      watchNamespace: ns,
      identity: 'bench',
      workers: Number(process.env['WORKERS'] ?? 2),
      signal: stop.signal,
      logger: silentLogger(),
      processMetrics: false,
    });
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    while (!controller.ready()) await new Promise((resolve) => setTimeout(resolve, 50));

    started = performance.now();
    // Yearly, so the CronJob controller (if running) starts no Jobs during the measurement.
    await inParallel(count, (i) =>
      admin.cronJobTriggers.create(
        aCronJobTrigger().named(`tick-${i}`).inNamespace(ns).forFunction('hello').withSchedule('@yearly').build(),
      ),
    );
    const createdMs = performance.now() - started;
    while ((await allReady(admin, ns)) < count) await new Promise((resolve) => setTimeout(resolve, 100));
    const convergedMs = performance.now() - started;
    const { planUs, cloneUs } = planningMicrobench();

    console.log(`cronjob-trigger-controller bench, ${count} triggers, ${CONCURRENCY} concurrent client writes`);
    console.log(
      `  baseline: ${count} ConfigMap creates             ${baselineMs.toFixed(0)} ms (${(baselineMs / count).toFixed(2)} ms each)`,
    );
    console.log(`  ${count} CronJobTrigger creates                  ${createdMs.toFixed(0)} ms`);
    console.log(
      `  until all Ready (CronJob + status written)     ${convergedMs.toFixed(0)} ms (${(convergedMs / count).toFixed(2)} ms per trigger)`,
    );
    console.log(
      `  ratio convergence / baseline                  ${(convergedMs / baselineMs).toFixed(2)}x (each trigger costs 3 writes: trigger, CronJob, status)`,
    );
    console.log(`  baseline 2: the same 3 writes by a plain client ${rawMs.toFixed(0)} ms`);
    console.log(
      `  ratio convergence / same writes by hand       ${(convergedMs / rawMs).toFixed(2)}x (the controller's own overhead)`,
    );
    console.log(
      `  desired+plan per trigger ${planUs.toFixed(2)} µs vs structuredClone ${cloneUs.toFixed(2)} µs: ${(planUs / cloneUs).toFixed(2)}x`,
    );
    console.log(`  controller: ${await reconcileFigures(controller.registry)}`);
    stop.abort();
    await controller.done;
    await admin.namespaces.delete(ns, { ignoreNotFound: true });
    await admin.namespaces.delete(rawNs, { ignoreNotFound: true });
  } finally {
    stop.abort();
    await own?.stop();
  }
}

await main();
