// An Ingress someone else created while the informer has not seen it yet (a stale
// cache) must never be taken over: the reconciler runs here with caches that lag the
// real API server on purpose.
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS, findCondition } from '@kubeless-ts/api';
import type { HTTPTrigger, KubelessFunction } from '@kubeless-ts/api';
import { fixedCache as fixed, useStaleCacheFixture } from '@kubeless-ts/controller-testing';
import type { Ingress, KubeClients, Service } from '@kubeless-ts/k8s';
import { httpTriggerControllerApp } from '../test/app-under-test.js';
import { createFunctionWithService, trigger } from '../test/http-trigger-env.js';
import { FIELD_MANAGER } from './http-trigger-controller.js';
import { HttpTriggerReconciler } from './http-trigger-reconciler.js';
import { kubeTriggerEffects } from './trigger-effects.js';
import { TriggerReasons } from './trigger-reasons.js';

describe('http-trigger-controller with a stale Ingress cache, against the real API server', () => {
  const stale = useStaleCacheFixture(httpTriggerControllerApp, { prefix: 'htc', fieldManager: FIELD_MANAGER });
  let admin: KubeClients, ns: string;
  beforeAll(() => {
    ({ admin, ns } = stale);
  });
  const readyOf = async (name: string) =>
    findCondition((await admin.httpTriggers.get(name, { namespace: ns })).status?.conditions, 'Ready');

  async function reconciler(
    triggerObject: HTTPTrigger,
    cachedIngress: Ingress | undefined,
  ): Promise<HttpTriggerReconciler> {
    const key = `${ns}/${triggerObject.metadata.name ?? ''}`;
    const fnKey = `${ns}/${triggerObject.spec['function-name']}`;
    const fn: KubelessFunction = await admin.functions.get(triggerObject.spec['function-name'], { namespace: ns });
    const service: Service = await admin.services.get(triggerObject.spec['function-name'], { namespace: ns });
    return new HttpTriggerReconciler({
      triggers: fixed({ [key]: triggerObject }),
      functions: fixed({ [fnKey]: fn }),
      services: fixed({ [fnKey]: service }),
      ingresses: fixed(cachedIngress === undefined ? {} : { [key]: cachedIngress }),
      effects: kubeTriggerEffects(stale.controller, stale.events),
      allowedAnnotations: DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
      fieldManager: FIELD_MANAGER,
    });
  }

  const usersIngress = (name: string): Ingress => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: ns, labels: { team: 'theirs' } },
    spec: {
      rules: [
        {
          host: 'theirs.example.test',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'theirs', port: { number: 80 } } } }],
          },
        },
      ],
    },
  });

  it('never takes over an Ingress the cache has not seen: Ready=False OwnershipConflict, the object untouched', async () => {
    await createFunctionWithService(admin, ns, 'hello');
    const created = await admin.httpTriggers.create(
      trigger(ns, 'unseen', 'hello').withHost('unseen.example.test').build(),
    );
    const theirs = await admin.ingresses.create(usersIngress('unseen'));

    await (await reconciler(created, undefined)).reconcile(`${ns}/unseen`, stale.context('unseen'));

    const after = await admin.ingresses.get('unseen', { namespace: ns });
    expect(after.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after.metadata?.ownerReferences).toBeUndefined();
    expect(after.spec?.rules?.[0]?.host).toBe('theirs.example.test');
    expect(await readyOf('unseen')).toMatchObject({ status: 'False', reason: TriggerReasons.OWNERSHIP_CONFLICT });
  });

  it('never writes to a same-named Ingress that replaced the one the cache still shows as its own', async () => {
    await createFunctionWithService(admin, ns, 'hello2');
    const created = await admin.httpTriggers.create(
      trigger(ns, 'replaced', 'hello2').withHost('replaced.example.test').build(),
    );
    await (await reconciler(created, undefined)).reconcile(`${ns}/replaced`, stale.context('replaced'));
    const ours = await admin.ingresses.get('replaced', { namespace: ns });
    expect(ours.metadata?.ownerReferences?.[0]?.uid).toBe(created.metadata.uid);

    await admin.ingresses.delete('replaced', { namespace: ns });
    const theirs = await admin.ingresses.create(usersIngress('replaced'));
    const current = await admin.httpTriggers.get('replaced', { namespace: ns });
    const edited = await admin.httpTriggers.replace({
      ...current,
      spec: { ...current.spec, 'host-name': 'moved.example.test' },
    });

    // The cache still holds our deleted Ingress: the write must not land on theirs.
    await (await reconciler(edited, ours)).reconcile(`${ns}/replaced`, stale.context('replaced'));
    const after = await admin.ingresses.get('replaced', { namespace: ns });
    expect(after.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after.metadata?.ownerReferences).toBeUndefined();
    expect(after.spec?.rules?.[0]?.host).toBe('theirs.example.test');
    expect(await readyOf('replaced')).toMatchObject({ status: 'False', reason: TriggerReasons.OWNERSHIP_CONFLICT });
  });
});
