import { reconcileContext } from './testing.js';
import type { Condition } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { GC_RECHECK_MS, OwnedChildReasons, type DesiredChild } from './owned-child-plan.js';
import { OwnedChildReconciler, type OwnedChildEffects, type StatusOwner } from './owned-child-reconciler.js';

interface Owner extends StatusOwner {
  readonly metadata: { name: string; namespace: string; uid: string; generation: number; deletionTimestamp?: string };
  readonly status?: { conditions?: Condition[]; observedGeneration?: number };
}
interface Child {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  };
  data?: Record<string, string>;
}
type Status = { observedGeneration?: number; conditions: Condition[] };

const owner = (status?: Owner['status']): Owner => ({
  kind: 'Trigger',
  metadata: { name: 't', namespace: 'ns', uid: 'u1', generation: 3 },
  status,
});
const childOf = (uid: string, name = 't'): Child => ({
  metadata: {
    name: 't',
    namespace: 'ns',
    uid: 'c1',
    ownerReferences: [{ apiVersion: 'v1', kind: 'Trigger', name, uid, controller: true }],
  },
  data: { a: '1' },
});
const wanted: Child = { metadata: { name: 't', namespace: 'ns' }, data: { a: '1' } };
const context = reconcileContext('ns', 't', 'r');

class Recording implements OwnedChildEffects<Owner, Child, Status> {
  readonly calls: string[] = [];
  readonly statuses: Status[] = [];
  applyResult: 'applied' | 'not-owned' | Error = 'applied';
  async applyChild(child: Child, existingUid: string | undefined): Promise<'applied' | 'not-owned'> {
    this.calls.push(`apply ${child.metadata?.name} ${existingUid ?? 'create-only'}`);
    if (this.applyResult instanceof Error) throw this.applyResult;
    return this.applyResult;
  }
  async deleteChild(namespace: string, name: string, uid: string): Promise<void> {
    this.calls.push(`delete ${namespace}/${name} ${uid}`);
  }
  async applyStatus(_owner: Readonly<Owner>, status: Status): Promise<void> {
    this.statuses.push(status);
  }
  async warn(_owner: Readonly<Owner>, reason: string): Promise<void> {
    this.calls.push(`warn ${reason}`);
  }
}

function setup(options: { owner?: Owner; child?: Child; desired?: DesiredChild<Child>; upToDate?: boolean }) {
  const effects = new Recording();
  const reconciler = new OwnedChildReconciler<Owner, Child, Status>({
    owners: { get: (key) => (key === 'ns/t' ? (options.owner ?? owner()) : undefined) },
    children: { get: (key) => (key === 'ns/t' ? options.child : undefined) },
    rules: { childKind: 'ConfigMap', readyReason: 'ChildReady', upToDate: () => options.upToDate ?? false },
    rejectedReason: 'ChildRejected',
    desired: () => options.desired ?? { kind: 'child', child: wanted, readyMessage: 'all good' },
    appliedKeys: () => [],
    effects,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { reconciler, effects };
}

const ready = (effects: Recording) => effects.statuses.at(-1)?.conditions.find((c) => c.type === 'Ready');

describe('OwnedChildReconciler', () => {
  it('creates a missing child (create-only) and reports Ready', async () => {
    const { reconciler, effects } = setup({});
    expect(await reconciler.reconcile('ns/t', context)).toBeUndefined();
    expect(effects.calls).toEqual(['apply t create-only']);
    expect(ready(effects)).toMatchObject({
      status: 'True',
      reason: 'ChildReady',
      message: 'all good',
      observedGeneration: 3,
    });
  });

  it('applies pinned to the uid of its own child, and not at all when it is up to date', async () => {
    expect((await run({ child: childOf('u1') })).calls).toEqual(['apply t c1']);
    expect((await run({ child: childOf('u1'), upToDate: true })).calls).toEqual([]);
  });

  it('never adopts a child someone else owns: warns and reports OwnershipConflict', async () => {
    const effects = await run({ child: childOf('someone', 'other') });
    expect(effects.calls).toEqual([`warn ${OwnedChildReasons.OWNERSHIP_CONFLICT}`]);
    expect(ready(effects)).toMatchObject({
      status: 'False',
      reason: OwnedChildReasons.OWNERSHIP_CONFLICT,
      message: expect.stringContaining('ConfigMap ns/t exists and is not managed'),
    });
  });

  it('reports OwnershipConflict when the API server finds the child is not ours although the cache said absent', async () => {
    const { reconciler, effects } = setup({});
    effects.applyResult = 'not-owned';
    await reconciler.reconcile('ns/t', context);
    expect(effects.calls).toEqual(['apply t create-only', `warn ${OwnedChildReasons.OWNERSHIP_CONFLICT}`]);
    expect(ready(effects)).toMatchObject({ status: 'False', reason: OwnedChildReasons.OWNERSHIP_CONFLICT });
  });

  it('waits for garbage collection of an earlier owner of the same name', async () => {
    const { reconciler, effects } = setup({ child: childOf('u0') });
    expect(await reconciler.reconcile('ns/t', context)).toEqual({ requeueAfterMs: GC_RECHECK_MS });
    expect(effects.calls).toEqual([]);
    expect(ready(effects)).toMatchObject({ reason: OwnedChildReasons.WAITING_FOR_GARBAGE_COLLECTION });
  });

  it('deletes its own child when blocked with "remove", keeps it with "keep"', async () => {
    const remove = await run({
      child: childOf('u1'),
      desired: { kind: 'blocked', reason: 'Gone', message: 'fn gone', existing: 'remove' },
    });
    expect(remove.calls).toEqual(['delete ns/t c1']);
    expect(ready(remove)).toMatchObject({ status: 'False', reason: 'Gone', message: 'fn gone' });
    expect(
      (
        await run({
          child: childOf('u1'),
          desired: { kind: 'blocked', reason: 'Bad', message: 'bad', existing: 'keep' },
        })
      ).calls,
    ).toEqual([]);
  });

  it('reports an invalid child as rejected instead of retrying; other errors are thrown for backoff', async () => {
    const { reconciler, effects } = setup({});
    effects.applyResult = new KubelessError({
      code: ErrorCodes.INVALID.code,
      message: 'spec.rules: Invalid value',
      hint: '',
      terminal: true,
    });
    await reconciler.reconcile('ns/t', context);
    expect(ready(effects)).toMatchObject({
      status: 'False',
      reason: 'ChildRejected',
      message: 'spec.rules: Invalid value',
    });
    effects.applyResult = new Error('connection reset');
    await expect(reconciler.reconcile('ns/t', context)).rejects.toThrow('connection reset');
  });

  it('writes no status when the current one already says the same, and nothing at all for a deleted owner', async () => {
    const first = await run({ child: childOf('u1'), upToDate: true });
    const same = owner(first.statuses[0]);
    expect((await run({ owner: same, child: childOf('u1'), upToDate: true })).statuses).toEqual([]);
    const deleting = { ...owner(), metadata: { ...owner().metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const gone = await run({ owner: deleting });
    expect([...gone.calls, ...gone.statuses]).toEqual([]);
  });
});

async function run(options: Parameters<typeof setup>[0]): Promise<Recording> {
  const { reconciler, effects } = setup(options);
  await reconciler.reconcile('ns/t', context);
  return effects;
}
