// How long the controller takes to schedule N new triggers, against a real API server, compared in the same
// interleaved rounds with the time the same server needs for N plain ConfigMap creates (the baseline),
// for the N triggers alone, and for the same three writes per trigger made by a plain client. Also the pure
// desired+plan cost per trigger vs a structuredClone of it. Printed, never asserted; BENCH_WRITE_DOCS=1
// regenerates its section of docs/benchmarks.md.
//   npx nx run cronjob-trigger-controller:bench   (TRIGGERS=200, ROUNDS=3, WORKERS=2; uses KUBELESS_TS_KUBECONFIG if set, else starts its own control plane)
import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import { writeDocsSection } from '@kubeless-ts/bench-kit';
import {
  applyCreateOnlyByHand,
  applyReadyByHand,
  runConvergenceBench,
  sameWritesByHand,
} from '@kubeless-ts/controller-testing';
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

/** The same three writes per trigger by a plain client: the trigger, its CronJob (create-only apply), its status. */
const byHand = sameWritesByHand(async ({ admin, namespace }) => {
  const rawNs = await namespace('cjt-bench-raw');
  const rawFn = await admin.functions.create(aFunction().named('hello').inNamespace(rawNs).build());
  return async (i) => {
    const created = await admin.cronJobTriggers.create(yearly(rawNs, i));
    const desired = desiredCronJob({ trigger: created, fn: rawFn, config: TEST_CONFIG });
    if (desired.kind === 'cronjob') await applyCreateOnlyByHand(admin.cronJobs, desired.cronJob);
    await applyReadyByHand(admin.cronJobTriggers, created, 'CronJobReady');
  };
});

const section = await runConvergenceBench({
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
  watchTriggers: (admin, ns) => admin.listWatch(admin.cronJobTriggers, { namespace: ns }),
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
  extraBaselines: [byHand],
});
writeDocsSection('trigger-controller-cronjob', section);
