import { aFunction } from '@kubeless-ts/api/testing';
import { stored } from '../test/unit-fixtures.js';
import { aPod, deploymentWithStatus as deployment } from '../test/workload-builders.js';
import { nextStatus, statusChanged } from './function-status.js';
import { ReadyReasons } from './ready-reasons.js';

const now = new Date('2026-11-25T12:00:00.000Z');

describe('nextStatus', () => {
  const ready = deployment({}, { observedGeneration: 1, updatedReplicas: 1, replicas: 1, readyReplicas: 1 });

  it('reports observedGeneration and replica counts from the Deployment', () => {
    const fn = stored(aFunction().build(), 'uid', 4);
    expect(nextStatus({ fn, deployment: ready, now })).toEqual({
      observedGeneration: 4,
      readyReplicas: 1,
      replicas: 1,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
          message: '1 of 1 replicas ready',
          lastTransitionTime: '2026-11-25T12:00:00Z',
          observedGeneration: 4,
        },
      ],
    });
  });

  it('adds a notice (the runtime an alias runs as) to the Ready message, not to a spec problem', () => {
    const fn = stored(aFunction().withRuntime('nodejs14').build());
    const notice =
      'runtime nodejs14 is deprecated and runs as nodejs24 (same handler contract); set runtime: nodejs24 to silence this';
    expect(nextStatus({ fn, deployment: ready, notice, now }).conditions?.[0]).toMatchObject({
      status: 'True',
      message: `1 of 1 replicas ready; ${notice}`,
    });
    expect(
      nextStatus({ fn, problem: { reason: ReadyReasons.INVALID_SPEC, message: 'bad' }, notice, now }).conditions?.[0]
        ?.message,
    ).toBe('bad');
  });

  it('puts a spec problem in the condition', () => {
    const fn = stored(aFunction().build());
    const status = nextStatus({
      fn,
      problem: { reason: ReadyReasons.UNSUPPORTED_RUNTIME, message: 'Invalid runtime: cobol85' },
      now,
    });
    expect(status.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: 'UnsupportedRuntime',
      message: 'Invalid runtime: cobol85',
    });
  });

  it('keeps the transition time while the status stays, so an unchanged status is not rewritten', () => {
    const fn = stored(aFunction().build());
    const first = nextStatus({ fn, deployment: ready, now });
    const again = nextStatus({
      fn: { ...fn, status: first },
      deployment: ready,
      now: new Date('2026-11-25T13:00:00Z'),
    });
    expect(again).toEqual(first);
    expect(statusChanged({ ...fn, status: first }, again)).toBe(false);
    const down = nextStatus({
      fn: { ...fn, status: first },
      deployment: undefined,
      now: new Date('2026-11-25T13:00:00Z'),
    });
    expect(down.conditions?.[0]?.lastTransitionTime).toBe('2026-11-25T13:00:00Z');
    expect(statusChanged({ ...fn, status: first }, down)).toBe(true);
  });

  it('explains a not-ready function with what its pods say', () => {
    const fn = stored(aFunction().build());
    const pending = deployment({}, { observedGeneration: 1, updatedReplicas: 1, replicas: 1 });
    const pods = [aPod().waiting('hello', 'ImagePullBackOff', 'Back-off pulling image').build()];
    const status = nextStatus({ fn, deployment: pending, pods, now });
    expect(status.conditions?.[0]).toMatchObject({ status: 'False', reason: 'ImagePullFailed' });
    expect(status).toMatchObject({ readyReplicas: 0, replicas: 1 });
  });
});
