import type { ObjectMeta, OwnerReference } from '@kubeless-ts/api';
import { enqueueHandler } from './enqueue-handler.js';
import { labelIndex, ownerIndex } from './index-funcs.js';
import { Indexer } from './indexer.js';
import { keyOf, objectKey, splitKey } from './object-key.js';
import { controllerOf, ownerKeys } from './owner-key.js';
import { specOrMetadataChanged } from './predicates.js';

interface Obj {
  metadata: ObjectMeta;
  status?: { phase: string };
}

function anOwnerRef(kind: string, name: string, controller = true): OwnerReference {
  return { apiVersion: 'kubeless.io/v1beta1', kind, name, uid: `uid-${name}`, controller };
}

function anObject(metadata: ObjectMeta = {}): Obj {
  return { metadata: { namespace: 'ns', name: 'child', generation: 1, resourceVersion: '1', ...metadata } };
}

describe('object keys', () => {
  it('joins and splits namespace/name', () => {
    expect(objectKey(anObject())).toBe('ns/child');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
    expect(splitKey('ns/child')).toEqual({ namespace: 'ns', name: 'child' });
    expect(splitKey('node-1')).toEqual({ namespace: '', name: 'node-1' });
    expect(keyOf({ namespace: 'ns', name: 'x' })).toBe('ns/x');
  });
});

describe('owner keys', () => {
  it('maps a child to its controller owner of the given kind', () => {
    const child = anObject({
      ownerReferences: [anOwnerRef('ReplicaSet', 'rs', false), anOwnerRef('Function', 'hello')],
    });
    expect(ownerKeys<Obj>({ kind: 'Function' })(child)).toEqual(['ns/hello']);
    expect(ownerKeys<Obj>({ kind: 'Function', apiVersion: 'kubeless.io' })(child)).toEqual(['ns/hello']);
    expect(ownerKeys<Obj>({ kind: 'Function', apiVersion: 'apps/v1' })(child)).toEqual([]);
  });

  it('ignores non-controller owners and other kinds', () => {
    expect(
      ownerKeys<Obj>({ kind: 'Function' })(anObject({ ownerReferences: [anOwnerRef('Function', 'hello', false)] })),
    ).toEqual([]);
    expect(
      ownerKeys<Obj>({ kind: 'Function' })(anObject({ ownerReferences: [anOwnerRef('HTTPTrigger', 'x')] })),
    ).toEqual([]);
    expect(controllerOf(anObject(), { kind: 'Function' })).toBeUndefined();
  });
});

describe('specOrMetadataChanged', () => {
  const before = anObject({ labels: { a: '1' }, annotations: { n: 'x' } });

  it('skips status-only and resourceVersion-only updates', () => {
    const statusOnly = {
      ...before,
      metadata: { ...before.metadata, resourceVersion: '2' },
      status: { phase: 'Ready' },
    };
    expect(specOrMetadataChanged(before, statusOnly)).toBe(false);
  });

  it('passes spec, label, annotation and deletion changes', () => {
    const m = before.metadata;
    expect(specOrMetadataChanged(before, { metadata: { ...m, generation: 2 } })).toBe(true);
    expect(specOrMetadataChanged(before, { metadata: { ...m, labels: { a: '2' } } })).toBe(true);
    expect(specOrMetadataChanged(before, { metadata: { ...m, labels: { a: '1', b: '1' } } })).toBe(true);
    expect(specOrMetadataChanged(before, { metadata: { ...m, annotations: {} } })).toBe(true);
    expect(specOrMetadataChanged(before, { metadata: { ...m, deletionTimestamp: '2026-01-01T00:00:00Z' } })).toBe(true);
  });

  it('passes objects without a generation, since nothing can be told', () => {
    expect(specOrMetadataChanged({ metadata: {} }, { metadata: {} })).toBe(true);
  });
});

describe('enqueueHandler', () => {
  it('enqueues keys only, filtered by the update predicate', () => {
    const keys: string[] = [];
    const handler = enqueueHandler<Obj>((k) => keys.push(k), {
      keysFor: ownerKeys({ kind: 'Function' }),
      updatePredicate: specOrMetadataChanged,
    });
    const child = anObject({ ownerReferences: [anOwnerRef('Function', 'hello')] });
    handler.onAdd?.(child);
    handler.onUpdate?.(child, { ...child, status: { phase: 'x' } });
    const moved = anObject({ generation: 2, ownerReferences: [anOwnerRef('Function', 'other')] });
    handler.onUpdate?.(child, moved);
    handler.onDelete?.(moved);
    handler.onUpdate?.(moved, { ...moved, metadata: { ...moved.metadata, generation: 3 } });
    expect(keys).toEqual(['ns/hello', 'ns/hello', 'ns/other', 'ns/other', 'ns/other']);
  });

  it('defaults to the object own key', () => {
    const keys: string[] = [];
    enqueueHandler<Obj>((k) => keys.push(k)).onAdd?.(anObject());
    expect(keys).toEqual(['ns/child']);
  });
});

describe('index functions', () => {
  it('finds children by owner and objects by label', () => {
    const indexer = new Indexer<Obj>({ owner: ownerIndex({ kind: 'Function' }), fn: labelIndex('function') });
    indexer.upsert(
      'ns/a',
      anObject({ name: 'a', labels: { function: 'hello' }, ownerReferences: [anOwnerRef('Function', 'hello')] }),
    );
    indexer.upsert('ns/b', anObject({ name: 'b' }));
    indexer.upsert(
      'other/c',
      anObject({ namespace: 'other', name: 'c', ownerReferences: [anOwnerRef('Function', 'hello')] }),
    );
    expect(indexer.byIndex('owner', 'ns/hello').map((o) => o.metadata.name)).toEqual(['a']);
    expect(indexer.byIndex('fn', 'hello').map((o) => o.metadata.name)).toEqual(['a']);
    expect(indexer.byIndex('namespace', 'ns').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    indexer.upsert('ns/a', anObject({ name: 'a' }));
    expect(indexer.byIndex('owner', 'ns/hello')).toEqual([]);
    indexer.delete('ns/b');
    expect(indexer.byIndex('namespace', 'ns').map((o) => o.metadata.name)).toEqual(['a']);
    expect(() => indexer.byIndex('nope', 'x')).toThrow('no index named "nope"');
  });
});
