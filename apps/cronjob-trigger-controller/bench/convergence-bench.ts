// How long the controller takes to schedule N new triggers, against a real API server, compared with
// the time the same server needs for N plain ConfigMap creates (baseline, same run) and for the same
// three writes per trigger made by a plain client (baseline 2). Also the pure desired+plan cost per
// trigger vs a structuredClone of it. Printed, never asserted.
//   npx nx run cronjob-trigger-controller:bench   (TRIGGERS=200, WORKERS=2; uses KUBELESS_TS_KUBECONFIG if set, else starts its own control plane)
import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import { benchRow, runConvergenceBench, type ExtraBaseline } from '@kubeless-ts/controller-testing';
import { planCronJob } from '../src/cronjob-plan.js';
import { FIELD_MANAGER, startCronJobTriggerController } from '../src/cronjob-trigger-controller.js';
import { desiredCronJob } from '../src/desired-cronjob.js';
import { TEST_CONFIG } from '../test/cronjob-trigger-env.js';

const trigger = aCronJobTrigger()
  .named('tick')
  .inNamespace('ns')
  .forFunction('hello')
  .withPayload({ a: [1, 2, 3] })
  .withTimezone('UTC')
  .build();
trigger.metadata.uid = 'u';
const fn = aFunction().named('hello').inNamespace('ns').build();
// Yearly, so the CronJob controller (if running) starts no Jobs during the measurement.
const yearly = (ns: string, i: number) =>
  aCronJobTrigger().named(`tick-${i}`).inNamespace(ns).forFunction('hello').withSchedule('@yearly').build();

/** The same three writes per trigger made by a plain client (create the trigger, apply its CronJob, apply its
 * Ready status), same concurrency and no controller: what convergence costs at the least. */
const sameWritesByHand: ExtraBaseline = {
  prepare: async ({ admin, namespace }) => {
    const rawNs = await namespace('cjt-bench-raw');
    const rawFn = await admin.functions.create(aFunction().named('hello').inNamespace(rawNs).build());
    return async (i) => {
      const created = await admin.cronJobTriggers.create(yearly(rawNs, i));
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
    };
  },
  report: ({ baselineMs, convergedMs }) => [
    benchRow('baseline 2: the same 3 writes by a plain client', `${baselineMs.toFixed(0)} ms`),
    benchRow(
      'ratio convergence / same writes by hand',
      `${(convergedMs / baselineMs).toFixed(2)}x (the controller's own overhead)`,
    ),
  ],
};

await runConvergenceBench({
  controller: 'cronjob-trigger-controller',
  triggerKind: 'CronJobTrigger',
  childKind: 'CronJob',
  namespacePrefix: 'cjt-bench',
  fieldManager: FIELD_MANAGER,
  start: (options) => startCronJobTriggerController({ ...options, config: TEST_CONFIG }),
  prepare: async (admin, ns) => {
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
  },
  createTrigger: (admin, ns, i) => admin.cronJobTriggers.create(yearly(ns, i)),
  listTriggers: async (admin, ns) => (await admin.cronJobTriggers.list({ namespace: ns })).items,
  planning: {
    rounds: 20_000,
    trigger,
    plan: () =>
      planCronJob(trigger, desiredCronJob({ trigger, fn, config: TEST_CONFIG }), {
        child: undefined,
        appliedAnnotations: [],
        appliedLabels: [],
      }),
  },
  extraBaselines: [sameWritesByHand],
});
