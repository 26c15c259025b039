import { anHTTPTrigger } from '@kubeless-ts/api/testing';
import type { HTTPTrigger } from '@kubeless-ts/api';
import type { Ingress } from '@kubeless-ts/k8s';
import type { DesiredIngress } from './desired-ingress.js';
import { GC_RECHECK_MS } from '@kubeless-ts/controller-kit';
import { planIngress } from './ingress-plan.js';
import { TriggerReasons } from './trigger-reasons.js';

function trigger(): HTTPTrigger {
  const t = anHTTPTrigger().named('web').inNamespace('ns').build();
  t.metadata.uid = 'u1';
  t.metadata.generation = 3;
  return t;
}

const owner = {
  apiVersion: 'kubeless.io/v1beta1',
  kind: 'HTTPTrigger',
  name: 'web',
  uid: 'u1',
  controller: true,
  blockOwnerDeletion: true,
};

function anIngress(annotations: Record<string, string>, extra: Partial<Ingress['metadata']> = {}): Ingress {
  return {
    metadata: {
      name: 'web',
      namespace: 'ns',
      uid: 'ing-1',
      labels: { 'created-by': 'kubeless' },
      annotations,
      ownerReferences: [owner],
      ...extra,
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 80 } } } }],
          },
        },
      ],
    },
  };
}

const wanted: DesiredIngress = { kind: 'ingress', ingress: anIngress({ a: '1' }) };
const observed = (ingress: Ingress | undefined, appliedAnnotations: string[] = [], appliedLabels: string[] = []) => ({
  child: ingress,
  appliedAnnotations,
  appliedLabels,
});

describe('planIngress', () => {
  it('applies a missing Ingress and reports Ready with the route', () => {
    const plan = planIngress(trigger(), wanted, observed(undefined));
    expect(plan.actions).toEqual([{ type: 'apply', child: wanted.kind === 'ingress' && wanted.ingress }]);
    expect(plan.ready).toEqual({
      type: 'Ready',
      status: 'True',
      reason: TriggerReasons.INGRESS_READY,
      message: 'Ingress web routes */ -> service hello:80',
      observedGeneration: 3,
    });
  });

  it('does nothing when the Ingress already matches, whatever others added', () => {
    const current = anIngress({ a: '1', 'added-by-someone': 'x' });
    expect(planIngress(trigger(), wanted, observed(current, ['a'], ['created-by'])).actions).toEqual([]);
  });

  it('re-applies when an annotation changed or one we set is no longer wanted', () => {
    expect(planIngress(trigger(), wanted, observed(anIngress({ a: '2' }), ['a'])).actions).toHaveLength(1);
    expect(planIngress(trigger(), wanted, observed(anIngress({ a: '1', b: 'old' }), ['a', 'b'])).actions).toHaveLength(
      1,
    );
  });

  it('re-applies when the spec drifted', () => {
    const drifted = anIngress({ a: '1' });
    drifted.spec = { ...drifted.spec, ingressClassName: 'traefik' };
    expect(planIngress(trigger(), wanted, observed(drifted, ['a'])).actions).toHaveLength(1);
  });

  it('never adopts a same-named Ingress it does not own', () => {
    const foreign = anIngress({}, { ownerReferences: undefined });
    const plan = planIngress(trigger(), wanted, observed(foreign));
    expect(plan.actions).toEqual([
      {
        type: 'warn',
        reason: TriggerReasons.OWNERSHIP_CONFLICT,
        message: expect.stringMatching(/not managed by this trigger/),
      },
    ]);
    expect(plan.ready).toMatchObject({ status: 'False', reason: TriggerReasons.OWNERSHIP_CONFLICT });
  });

  it('waits for garbage collection of an earlier trigger’s Ingress', () => {
    const stale = anIngress({}, { ownerReferences: [{ ...owner, uid: 'u0' }] });
    const plan = planIngress(trigger(), wanted, observed(stale));
    expect(plan).toMatchObject({
      actions: [],
      requeueAfterMs: GC_RECHECK_MS,
      ready: { reason: TriggerReasons.WAITING_FOR_GARBAGE_COLLECTION },
    });
  });

  it('deletes its own Ingress when the function is gone, with a uid precondition', () => {
    const gone: DesiredIngress = {
      kind: 'blocked',
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
      message: 'no fn',
      ingress: 'remove',
    };
    const plan = planIngress(trigger(), gone, observed(anIngress({})));
    expect(plan.actions).toEqual([{ type: 'delete', name: 'web', uid: 'ing-1' }]);
    expect(plan.ready).toEqual({
      type: 'Ready',
      status: 'False',
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
      message: 'no fn',
      observedGeneration: 3,
    });
    expect(planIngress(trigger(), gone, observed(anIngress({}, { ownerReferences: undefined }))).actions).toEqual([]);
  });

  it('keeps the last good Ingress when the spec became invalid', () => {
    const invalid: DesiredIngress = {
      kind: 'blocked',
      reason: TriggerReasons.TLS_CONFLICT,
      message: 'both',
      ingress: 'keep',
    };
    expect(planIngress(trigger(), invalid, observed(anIngress({}))).actions).toEqual([]);
  });
});
