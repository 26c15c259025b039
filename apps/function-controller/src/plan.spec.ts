import { aFunction } from '@kubeless-ts/api/testing';
import type { KubelessFunction } from '@kubeless-ts/api';
import { stored, testConfig } from '../test/unit-fixtures.js';
import { Annotations } from './child-metadata.js';
import { desired, type DesiredChildren } from './desired-children.js';
import { Ownerships } from '@kubeless-ts/controller-kit';
import { ownershipByFunction, plan, type ObservedChildren } from './plan.js';

function desiredOf(fn: KubelessFunction): DesiredChildren {
  const state = desired({ fn, config: testConfig() });
  if (!state.ok) throw new Error(state.problem.message);
  return state.children;
}

/** What the cache would hold after the desired children were applied (the server adds uid, status and more). */
function asObserved(children: DesiredChildren): ObservedChildren {
  const add = <T extends { metadata?: object }>(child: T | undefined): T | undefined =>
    child && { ...child, metadata: { ...child.metadata, uid: 'child-uid', resourceVersion: '7' } };
  return {
    configMap: add(children.configMap),
    service: add(children.service),
    deployment: add(children.deployment),
    horizontalPodAutoscaler: add(children.horizontalPodAutoscaler),
  };
}

describe('plan', () => {
  const fn = stored(aFunction().build());

  it('ensures every missing child, ConfigMap first', () => {
    const actions = plan(fn, desiredOf(fn), {});
    expect(actions.map((action) => [action.type, 'kind' in action ? action.kind : ''])).toEqual([
      ['ensure', 'ConfigMap'],
      ['ensure', 'Service'],
      ['ensure', 'Deployment'],
    ]);
  });

  it('does nothing when every child carries the hash of what is desired', () => {
    const children = desiredOf(fn);
    expect(plan(fn, children, asObserved(children))).toEqual([]);
  });

  it('applies only the children whose desired state changed', () => {
    const before = asObserved(desiredOf(fn));
    const changed = stored(aFunction().withCode('module.exports = { hello: () => 2 };').build());
    const actions = plan(changed, desiredOf(changed), before);
    expect(actions.map((action) => [action.type, 'kind' in action ? action.kind : ''])).toEqual([
      ['apply', 'ConfigMap'],
      ['apply', 'Deployment'],
    ]);
  });

  it('re-applies a child whose applied hash was edited away', () => {
    const children = desiredOf(fn);
    const observed = asObserved(children);
    const service = {
      ...observed.service,
      metadata: { ...observed.service?.metadata, annotations: { [Annotations.APPLIED_HASH]: 'stale' } },
    };
    expect(plan(fn, children, { ...observed, service }).map((action) => action.type)).toEqual(['apply']);
  });

  it('deletes an owned HPA once horizontalPodAutoscaler is unset, and keeps one it does not own', () => {
    const withHpa = stored(
      aFunction()
        .withHorizontalPodAutoscaler({ spec: { maxReplicas: 3 } })
        .build(),
    );
    const observed = asObserved(desiredOf(withHpa));
    expect(plan(fn, desiredOf(fn), observed).filter((action) => action.type === 'delete')).toEqual([
      { type: 'delete', kind: 'HorizontalPodAutoscaler', name: 'hello', uid: 'child-uid' },
    ]);
    const foreign = {
      ...observed.horizontalPodAutoscaler,
      metadata: { ...observed.horizontalPodAutoscaler?.metadata, ownerReferences: [] },
    };
    expect(
      plan(fn, desiredOf(fn), { ...observed, horizontalPodAutoscaler: foreign }).filter(
        (action) => action.type === 'delete',
      ),
    ).toEqual([]);
  });

  it('refuses a child controlled by another owner, and then writes nothing at all', () => {
    const children = desiredOf(fn);
    const observed = asObserved(children);
    const other = {
      ...observed.configMap,
      metadata: {
        ...observed.configMap?.metadata,
        ownerReferences: [
          { apiVersion: 'kubeless.io/v1beta1', kind: 'Function', name: 'hello', uid: 'older-uid', controller: true },
        ],
      },
    };
    const actions = plan(stored(aFunction().withTimeout('1').build()), children, { ...observed, configMap: other });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ type: 'conflict', kind: 'ConfigMap', name: 'hello' });
  });

  it('adopts what Kubeless left behind (created-by=kubeless, no controller)', () => {
    const legacy = {
      metadata: {
        labels: { 'created-by': 'kubeless' },
        ownerReferences: [{ apiVersion: 'kubeless.io/v1beta1', kind: 'Function', name: 'hello', uid: 'uid-1' }],
      },
    };
    expect(ownershipByFunction(legacy, fn)).toBe(Ownerships.ADOPTABLE);
    expect(ownershipByFunction({ metadata: { labels: { app: 'mine' } } }, fn)).toBe(Ownerships.FOREIGN);
    const children = desiredOf(fn);
    const observed = asObserved(children);
    const configMap = { ...observed.configMap, metadata: { ...observed.configMap?.metadata, ...legacy.metadata } };
    expect(plan(fn, children, { ...observed, configMap })).toEqual([
      { type: 'apply', kind: 'ConfigMap', object: children.configMap },
    ]);
  });

  it('removes the Kubeless finalizer, and only that when the Function is being deleted', () => {
    const legacy = { ...fn, metadata: { ...fn.metadata, finalizers: ['kubeless.io/function', 'other'] } };
    expect(plan(legacy, desiredOf(legacy), asObserved(desiredOf(legacy)))).toEqual([
      { type: 'removeFinalizer', finalizers: ['other'] },
    ]);
    const deleting = { ...legacy, metadata: { ...legacy.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    expect(plan(deleting, desiredOf(deleting), {})).toEqual([{ type: 'removeFinalizer', finalizers: ['other'] }]);
  });
});
