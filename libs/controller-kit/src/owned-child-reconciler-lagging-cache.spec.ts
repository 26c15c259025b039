import { reconcileContext } from './testing.js';
import type { Condition } from '@kubeless-ts/api';
import { OwnedChildReconciler, type OwnedChildEffects, type StatusOwner } from './owned-child-reconciler.js';

interface Owner extends StatusOwner {
  readonly metadata: { name: string; namespace: string; uid: string; generation: number; resourceVersion: string };
  readonly status?: { conditions?: Condition[]; observedGeneration?: number };
}
type Status = { observedGeneration?: number; conditions: Condition[] };
interface Child {
  metadata?: { name?: string; namespace?: string };
}

const anOwner = (resourceVersion: string, status?: Owner['status']): Owner => ({
  kind: 'Trigger',
  metadata: { name: 't', namespace: 'ns', uid: 'u1', generation: 2, resourceVersion },
  status,
});

/** Effects whose status write returns the owner as an API server would: a newer version with that status. */
class ServerLikeEffects implements OwnedChildEffects<Owner, Child, Status> {
  readonly statuses: Status[] = [];
  async applyChild(): Promise<'applied'> {
    return 'applied';
  }
  async deleteChild(): Promise<void> {}
  async applyStatus(owner: Readonly<Owner>, status: Status): Promise<Owner> {
    this.statuses.push(status);
    return { ...owner, metadata: { ...owner.metadata, resourceVersion: '20' }, status };
  }
  async warn(): Promise<void> {}
}

describe('OwnedChildReconciler with a lagging owner cache', () => {
  const context = reconcileContext('ns', 't', 'r');
  function setup(cache: { owner: Owner | undefined }) {
    const effects = new ServerLikeEffects();
    const reconciler = new OwnedChildReconciler<Owner, Child, Status>({
      owners: { get: () => cache.owner },
      children: { get: () => ({ metadata: { name: 't', namespace: 'ns' } }) },
      rules: { childKind: 'ConfigMap', readyReason: 'ChildReady', upToDate: () => true },
      rejectedReason: 'ChildRejected',
      desired: () => ({ kind: 'child', child: { metadata: { name: 't', namespace: 'ns' } }, readyMessage: 'ok' }),
      appliedKeys: () => [],
      effects,
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    return { reconciler, effects };
  }

  it('does not write the same status again before the cache has seen its write', async () => {
    const cache = { owner: anOwner('10') as Owner | undefined };
    const { reconciler, effects } = setup(cache);
    await reconciler.reconcile('ns/t', context);
    await reconciler.reconcile('ns/t', context);
    expect(effects.statuses).toHaveLength(1);
  });

  it('writes again when the cache shows a newer owner whose status differs', async () => {
    const cache = { owner: anOwner('10') as Owner | undefined };
    const { reconciler, effects } = setup(cache);
    await reconciler.reconcile('ns/t', context);
    cache.owner = anOwner('30');
    await reconciler.reconcile('ns/t', context);
    expect(effects.statuses).toHaveLength(2);
  });

  it('writes nothing for an owner gone from the cache, whatever it wrote before', async () => {
    const cache = { owner: anOwner('10') as Owner | undefined };
    const { reconciler, effects } = setup(cache);
    await reconciler.reconcile('ns/t', context);
    cache.owner = undefined;
    await reconciler.reconcile('ns/t', context);
    cache.owner = anOwner('10');
    await reconciler.reconcile('ns/t', context);
    expect(effects.statuses).toHaveLength(2);
  });
});
