import { aFunction } from '@kubeless-ts/api/testing';
import type { KubelessFunction } from '@kubeless-ts/api';
import { FakeCluster } from '../../testing/fake-cluster.js';
import { isReady, waitForReady } from './wait-ready.js';

const ready = (fn: KubelessFunction, status: 'True' | 'False', reason: string, message = ''): KubelessFunction => ({
  ...fn,
  status: {
    observedGeneration: fn.metadata.generation,
    conditions: [{ type: 'Ready', status, reason, message, observedGeneration: fn.metadata.generation }],
  },
});

describe('waiting for Ready', () => {
  it('is ready only for the current generation', () => {
    const fn = aFunction().build();
    fn.metadata.generation = 2;
    expect(isReady({ ...fn, status: { conditions: [{ type: 'Ready', status: 'True', observedGeneration: 1 }] } })).toBe(
      false,
    );
    expect(isReady({ ...fn, status: { conditions: [{ type: 'Ready', status: 'True', observedGeneration: 2 }] } })).toBe(
      true,
    );
  });

  it('reports each new reason and resolves when Ready', async () => {
    const cluster = new FakeCluster();
    const stored = cluster.functions.put(aFunction().build());
    const progress: string[] = [];
    const waiting = waitForReady(cluster, {
      name: 'hello',
      namespace: 'default',
      timeoutMs: 5_000,
      progress: (line) => progress.push(line),
      signal: new AbortController().signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
    cluster.functions.put(ready(stored, 'False', 'PodsNotReady', '0/1 pods ready'));
    cluster.functions.put(ready(stored, 'True', 'Ready'));
    await expect(waiting).resolves.toMatchObject({ metadata: { name: 'hello' } });
    expect(progress).toEqual([
      'Waiting for function hello: no Ready condition yet (is the function controller running?)',
      'Waiting for function hello: PodsNotReady: 0/1 pods ready',
    ]);
  });

  it('fails with the last reason and message after the timeout', async () => {
    const cluster = new FakeCluster();
    const stored = cluster.functions.put(aFunction().build());
    cluster.functions.put(ready(stored, 'False', 'DeploymentNotAvailable', 'pods are Pending'));
    await expect(
      waitForReady(cluster, {
        name: 'hello',
        namespace: 'default',
        timeoutMs: 50,
        progress: () => undefined,
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({
      code: 'KBL_ERR_NOT_READY',
      message: 'Function hello is not ready after 0 s: DeploymentNotAvailable: pods are Pending',
    });
  });
});
