import { anHTTPTrigger } from './testing.js';
import { conditionMatches, controllerReference, findCondition, setCondition } from './conditions.js';

const ready = { type: 'Ready', status: 'True', reason: 'IngressReady', message: 'ok', observedGeneration: 1 } as const;

describe('setCondition', () => {
  it('adds a condition stamped with the transition time', () => {
    expect(setCondition(undefined, ready, 't1')).toEqual([{ ...ready, lastTransitionTime: 't1' }]);
  });

  it('keeps the transition time while the status stays the same', () => {
    const first = setCondition([], ready, 't1');
    const second = setCondition(first, { ...ready, message: 'still ok', observedGeneration: 2 }, 't2');
    expect(second).toEqual([{ ...ready, message: 'still ok', observedGeneration: 2, lastTransitionTime: 't1' }]);
  });

  it('moves the transition time when the status flips and leaves other types alone', () => {
    const other = { type: 'Synced', status: 'True' as const, lastTransitionTime: 't0' };
    const next = setCondition(
      [other, { ...ready, lastTransitionTime: 't1' }],
      { ...ready, status: 'False', reason: 'FunctionNotFound' },
      't2',
    );
    expect(next).toEqual([other, { ...ready, status: 'False', reason: 'FunctionNotFound', lastTransitionTime: 't2' }]);
    expect(findCondition(next, 'Synced')).toBe(other);
  });
});

describe('conditionMatches', () => {
  it('compares everything but the transition time', () => {
    const current = { ...ready, lastTransitionTime: 't1' };
    expect(conditionMatches(current, ready)).toBe(true);
    expect(conditionMatches(current, { ...ready, observedGeneration: 2 })).toBe(false);
    expect(conditionMatches(current, { ...ready, message: 'other' })).toBe(false);
    expect(conditionMatches(undefined, ready)).toBe(false);
  });
});

describe('controllerReference', () => {
  it('points at the owner as its controller', () => {
    const trigger = anHTTPTrigger().named('web').build();
    trigger.metadata.uid = 'uid-1';
    expect(controllerReference(trigger)).toEqual({
      apiVersion: 'kubeless.io/v1beta1',
      kind: 'HTTPTrigger',
      name: 'web',
      uid: 'uid-1',
      controller: true,
      blockOwnerDeletion: true,
    });
  });
});
