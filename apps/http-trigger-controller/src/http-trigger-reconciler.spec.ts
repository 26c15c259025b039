import { aFunction, anHTTPTrigger } from '@kubeless-ts/api/testing';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from '@kubeless-ts/api';
import type { HTTPTrigger, HTTPTriggerStatus } from '@kubeless-ts/api';
import { RecordingEffects, reconcileContext } from '@kubeless-ts/controller-testing';
import { KubelessError } from '@kubeless-ts/errors';
import type { Ingress, Service } from '@kubeless-ts/k8s';
import { HttpTriggerReconciler } from './http-trigger-reconciler.js';
import { TriggerReasons } from './trigger-reasons.js';

const mapCache = <T>(entries: Record<string, T>) => ({ get: (key: string) => entries[key] });
const context = reconcileContext('ns', 'web', 'r1');

function setup(trigger: HTTPTrigger, status?: HTTPTriggerStatus) {
  if (status !== undefined) trigger.status = status;
  const effects = new RecordingEffects<HTTPTrigger, Ingress, HTTPTriggerStatus>();
  const service: Service = { metadata: { name: 'hello', namespace: 'ns' }, spec: { ports: [{ port: 80 }] } };
  const reconciler = new HttpTriggerReconciler({
    triggers: mapCache({ 'ns/web': trigger }),
    functions: mapCache({ 'ns/hello': aFunction().named('hello').inNamespace('ns').build() }),
    services: mapCache({ 'ns/hello': service }),
    ingresses: mapCache<Ingress>({}),
    effects,
    allowedAnnotations: DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
    fieldManager: 'test',
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { reconciler, effects };
}

const aTrigger = () => {
  const t = anHTTPTrigger().named('web').inNamespace('ns').forFunction('hello').build();
  t.metadata.uid = 'u1';
  t.metadata.generation = 4;
  return t;
};

describe('HttpTriggerReconciler', () => {
  it('writes Ready=False TLSConflict when a trigger slipped past the API server rules (e.g. an older CRD)', async () => {
    const { reconciler, effects } = setup(
      anHTTPTrigger()
        .named('web')
        .inNamespace('ns')
        .forFunction('hello')
        .withHost('a.example.com')
        .withTlsAcme()
        .withTlsSecret('x')
        .build(),
    );
    await reconciler.reconcile('ns/web', context);
    expect(effects.applied).toEqual([]);
    expect(effects.statuses[0]?.conditions?.[0]).toMatchObject({
      type: 'Ready',
      status: 'False',
      reason: TriggerReasons.TLS_CONFLICT,
    });
  });

  it('applies the Ingress and records Ready with the generation it saw', async () => {
    const { reconciler, effects } = setup(aTrigger());
    await reconciler.reconcile('ns/web', context);
    expect(effects.applied).toHaveLength(1);
    expect(effects.statuses).toEqual([
      {
        observedGeneration: 4,
        conditions: [expect.objectContaining({ status: 'True', lastTransitionTime: '2026-01-01T00:00:00.000Z' })],
      },
    ]);
  });

  it('skips the status write when nothing changed', async () => {
    const ready = {
      type: 'Ready',
      status: 'True' as const,
      reason: TriggerReasons.INGRESS_READY,
      message: 'Ingress web routes */ -> service hello:80',
      observedGeneration: 4,
      lastTransitionTime: 't',
    };
    const { reconciler, effects } = setup(aTrigger(), { observedGeneration: 4, conditions: [ready] });
    await reconciler.reconcile('ns/web', context);
    expect(effects.statuses).toEqual([]);
  });

  it('turns an Ingress the API server rejects into Ready=False instead of retrying forever', async () => {
    const { reconciler, effects } = setup(aTrigger());
    effects.failApplyWith = new KubelessError({
      code: 'KBL_ERR_INVALID',
      message: 'Ingress.networking.k8s.io "web" is invalid: spec.rules[0].host: bad',
      hint: '',
    });
    await reconciler.reconcile('ns/web', context);
    expect(effects.statuses[0]?.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: TriggerReasons.INGRESS_REJECTED,
      message: expect.stringContaining('is invalid'),
    });
  });

  it('lets other failures through to be retried with backoff', async () => {
    const { reconciler, effects } = setup(aTrigger());
    effects.failApplyWith = new KubelessError({ code: 'KBL_ERR_UNREACHABLE', message: 'down', hint: '' });
    await expect(reconciler.reconcile('ns/web', context)).rejects.toThrow('down');
    expect(effects.statuses).toEqual([]);
  });

  it('does nothing for a trigger that is gone', async () => {
    const { reconciler, effects } = setup(aTrigger());
    await reconciler.reconcile('ns/other', { ...context, key: 'ns/other', name: 'other' });
    expect(effects.statuses).toEqual([]);
  });
});
