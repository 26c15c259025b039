// How long the controller takes to route N new triggers, against a real API server, compared in the same
// interleaved rounds with the time the same server needs for N plain ConfigMap creates (the baseline),
// for the N triggers alone, and for the same three writes per trigger made by a plain client. Also the pure
// desired+plan cost per trigger vs a structuredClone of it. Printed, never asserted; BENCH_WRITE_DOCS=1
// regenerates its section of docs/benchmarks.md.
//   npx nx run http-trigger-controller:bench   (TRIGGERS=200, ROUNDS=3, WORKERS=2; uses KUBELESS_TS_KUBECONFIG if set, else starts its own control plane)
import { anHTTPTrigger, aFunction } from '@kubeless-ts/api/testing';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from '@kubeless-ts/api';
import { writeDocsSection } from '@kubeless-ts/bench-kit';
import {
  applyCreateOnlyByHand,
  applyReadyByHand,
  runConvergenceBench,
  sameWritesByHand,
} from '@kubeless-ts/controller-testing';
import { desiredIngress } from '../src/desired-ingress.js';
import { FIELD_MANAGER, startHttpTriggerController } from '../src/http-trigger-controller.js';
import { planIngress } from '../src/ingress-plan.js';
import { functionService } from '../test/http-trigger-env.js';

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

const web = (ns: string, i: number) =>
  anHTTPTrigger().named(`web-${i}`).inNamespace(ns).forFunction('hello').withHost(`web-${i}.example.com`).build();

/** The same three writes per trigger by a plain client: the trigger, its Ingress (create-only apply), its status. */
const byHand = sameWritesByHand(async ({ admin, namespace }) => {
  const rawNs = await namespace('htc-bench-raw');
  const fn = await admin.functions.create(aFunction().named('hello').inNamespace(rawNs).build());
  const service = await admin.services.create(functionService(rawNs, 'hello'));
  return async (i) => {
    const created = await admin.httpTriggers.create(web(rawNs, i));
    const desired = desiredIngress({
      trigger: created,
      fn,
      service,
      allowedAnnotations: DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
    });
    if (desired.kind === 'ingress') await applyCreateOnlyByHand(admin.ingresses, desired.ingress);
    await applyReadyByHand(admin.httpTriggers, created, 'IngressReady');
  };
});

const section = await runConvergenceBench({
  controller: 'http-trigger-controller',
  triggerKind: 'HTTPTrigger',
  childKind: 'Ingress',
  namespacePrefix: 'htc-bench',
  fieldManager: FIELD_MANAGER,
  start: startHttpTriggerController,
  prepare: async (admin, ns) => {
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    await admin.services.create(functionService(ns, 'hello'));
  },
  createTrigger: (admin, ns, i) => admin.httpTriggers.create(web(ns, i)),
  watchTriggers: (admin, ns) => admin.listWatch(admin.httpTriggers, { namespace: ns }),
  planning: {
    rounds: 50_000,
    trigger,
    plan: () =>
      planIngress(
        trigger,
        desiredIngress({ trigger, fn, service, allowedAnnotations: DEFAULT_HTTP_TRIGGER_ANNOTATIONS }),
        {
          child: undefined,
          appliedAnnotations: [],
          appliedLabels: [],
        },
      ),
  },
  extraBaselines: [byHand],
});
writeDocsSection('trigger-controller-http', section);
