import { aFunction } from '@kubeless-ts/api/testing';
import type { Deployment, Pod } from '@kubeless-ts/k8s';
import {
  podChanged,
  projectDeployment,
  projectedListWatch,
  projectFunction,
  projectMetadata,
  projectPod,
} from './cache-projection.js';

const managedFields = [{ manager: 'x', operation: 'Apply' }];

describe('cache projections', () => {
  it('keeps only metadata (without managedFields) of ConfigMaps, Services and HPAs', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', labels: { function: 'a' }, annotations: { h: '1' }, managedFields },
      data: { 'handler.js': 'big code' },
    };
    expect(projectMetadata(configMap)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', labels: { function: 'a' }, annotations: { h: '1' } },
    });
  });

  it('keeps what status needs of a Deployment: metadata, replicas, selector and status', () => {
    const deployment: Deployment = {
      metadata: { name: 'a', generation: 3, managedFields: [] },
      spec: {
        replicas: 2,
        selector: { matchLabels: { function: 'a' } },
        template: { spec: { containers: [{ name: 'a', image: 'i' }] } },
      },
      status: { readyReplicas: 1, observedGeneration: 3 },
    };
    expect(projectDeployment(deployment)).toEqual({
      apiVersion: undefined,
      kind: undefined,
      metadata: { name: 'a', generation: 3 },
      spec: { replicas: 2, selector: { matchLabels: { function: 'a' } }, template: {} },
      status: { readyReplicas: 1, observedGeneration: 3 },
    });
  });

  it('keeps of a Pod only what readiness reads, without timestamps', () => {
    const pod: Pod = {
      metadata: {
        name: 'p',
        namespace: 'n',
        resourceVersion: '7',
        uid: 'u',
        labels: { function: 'a' },
        annotations: { 'kubeless.io/rollout-hash': 'h', 'prometheus.io/scrape': 'true' },
        managedFields,
      },
      spec: { nodeName: 'node', containers: [{ name: 'a', image: 'i:1', env: [{ name: 'X', value: 'big' }] }] },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        conditions: [
          { type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z' },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
        ],
        containerStatuses: [
          {
            name: 'a',
            image: 'i:1',
            imageID: 'sha256:abc',
            containerID: 'containerd://x',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
            lastState: {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                startedAt: '2026-01-01T00:00:00Z',
                finishedAt: '2026-01-01T00:00:01Z',
              },
            },
          },
        ],
      },
    };
    expect(projectPod(pod)).toEqual({
      metadata: {
        name: 'p',
        namespace: 'n',
        resourceVersion: '7',
        labels: { function: 'a' },
        annotations: { 'kubeless.io/rollout-hash': 'h' },
      },
      spec: { containers: [{ name: 'a', image: 'i:1' }], initContainers: [] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'PodScheduled', status: 'True' }],
        initContainerStatuses: [],
        containerStatuses: [
          {
            name: 'a',
            image: 'i:1',
            imageID: '',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          },
        ],
      },
    });
  });

  it('sees a pod update only when something readiness reads changed', () => {
    const pod = (resourceVersion: string, podIP: string, reason: string): Pod =>
      projectPod({
        metadata: { name: 'p', resourceVersion },
        spec: { containers: [] },
        status: {
          podIP,
          containerStatuses: [
            { name: 'a', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } } },
          ],
        },
      });
    expect(podChanged(pod('1', '10.0.0.1', 'ContainerCreating'), pod('2', '10.0.0.2', 'ContainerCreating'))).toBe(
      false,
    );
    expect(podChanged(pod('1', '10.0.0.1', 'ContainerCreating'), pod('2', '10.0.0.1', 'ErrImagePull'))).toBe(true);
  });

  it('keeps a Function whole except for managedFields', () => {
    const fn = aFunction().build();
    const withFields = { ...fn, metadata: { ...fn.metadata, managedFields } };
    expect(projectFunction(withFields)).toEqual(fn);
    expect(projectFunction(fn)).toBe(fn);
  });

  it('projects listed and watched objects before the cache sees them', async () => {
    const source = {
      list: async () => ({ items: [{ n: 1 }], resourceVersion: '5' }),
      watch: async (_rv: string, onEvent: (type: 'ADDED', obj: { n: number }) => void) => onEvent('ADDED', { n: 2 }),
    };
    const projected = projectedListWatch(source, (obj) => ({ n: obj.n * 10 }));
    const signal = new AbortController().signal;
    expect(await projected.list(signal)).toEqual({ items: [{ n: 10 }], resourceVersion: '5' });
    const seen: number[] = [];
    await projected.watch('5', (_type, obj) => seen.push(obj.n), signal);
    expect(seen).toEqual([20]);
  });
});
