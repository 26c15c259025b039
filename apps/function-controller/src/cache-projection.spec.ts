import { aFunction } from '@kubeless-ts/api/testing';
import type { Deployment } from '@kubeless-ts/k8s';
import { projectDeployment, projectedListWatch, projectFunction, projectMetadata } from './cache-projection.js';

const managedFields = [{ manager: 'x', operation: 'Apply' }];

describe('cache projections', () => {
  it('keeps only metadata (without managedFields) of ConfigMaps, Services and HPAs', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { function: 'a' }, annotations: { h: '1' }, managedFields }, data: { 'handler.js': 'big code' } };
    expect(projectMetadata(configMap)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { function: 'a' }, annotations: { h: '1' } } });
  });

  it('keeps what status needs of a Deployment: metadata, replicas, selector and status', () => {
    const deployment: Deployment = {
      metadata: { name: 'a', generation: 3, managedFields: [] },
      spec: { replicas: 2, selector: { matchLabels: { function: 'a' } }, template: { spec: { containers: [{ name: 'a', image: 'i' }] } } },
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
