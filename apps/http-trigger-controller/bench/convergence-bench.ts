// How long the controller takes to route N new triggers, against a real API server, compared with
// the time the same server needs for N plain ConfigMap creates (baseline, same run). Also the pure
// desired+plan cost per trigger vs a structuredClone of it. Printed, never asserted.
//   npx nx run http-trigger-controller:bench   (TRIGGERS=200; uses KUBELESS_TS_KUBECONFIG if set, else starts its own control plane)
import { anHTTPTrigger, aFunction } from '@kubeless-ts/api/testing';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from '@kubeless-ts/api';
import { runConvergenceBench } from '@kubeless-ts/controller-testing';
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

await runConvergenceBench({
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
  createTrigger: (admin, ns, i) =>
    admin.httpTriggers.create(
      anHTTPTrigger().named(`web-${i}`).inNamespace(ns).forFunction('hello').withHost(`web-${i}.example.com`).build(),
    ),
  listTriggers: async (admin, ns) => (await admin.httpTriggers.list({ namespace: ns })).items,
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
});
