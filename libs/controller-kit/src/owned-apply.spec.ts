import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { applyOwnedChild, type ChildWriter } from './owned-apply.js';
import type { KubeObject } from './ports.js';

const owner = {
  apiVersion: 'kubeless.io/v1beta1',
  kind: 'HTTPTrigger',
  name: 'web',
  uid: 'trigger-uid',
  controller: true,
};

/** One namespace of objects with the API server's apply preconditions (resourceVersion, uid). */
class FakeServer implements ChildWriter<KubeObject> {
  readonly objects = new Map<string, KubeObject>();
  readonly writes: KubeObject[] = [];
  private version = 10;

  put(object: KubeObject): KubeObject {
    const stored = {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: String(++this.version),
        uid: object.metadata?.uid ?? `uid-${this.version}`,
      },
    };
    this.objects.set(object.metadata?.name ?? '', stored);
    return stored;
  }

  async apply(object: KubeObject): Promise<KubeObject> {
    const name = object.metadata?.name ?? '';
    const existing = this.objects.get(name);
    const conflict = new KubelessError({ code: ErrorCodes.CONFLICT.code, message: 'precondition failed' });
    if (
      existing !== undefined &&
      object.metadata?.resourceVersion !== undefined &&
      object.metadata.resourceVersion !== existing.metadata?.resourceVersion
    )
      throw conflict;
    // As the API server does: uid is immutable, so a mismatch is refused as invalid.
    if (existing !== undefined && object.metadata?.uid !== undefined && object.metadata.uid !== existing.metadata?.uid)
      throw new KubelessError({ code: ErrorCodes.INVALID.code, message: 'metadata.uid: field is immutable' });
    if (existing === undefined && object.metadata?.uid !== undefined)
      throw new KubelessError({ code: ErrorCodes.NOT_FOUND.code, message: 'gone' });
    this.writes.push(object);
    return this.put({ ...existing, ...object, metadata: { ...object.metadata, uid: existing?.metadata?.uid } });
  }

  async find(name: string): Promise<KubeObject | undefined> {
    return this.objects.get(name);
  }
}

const desired: KubeObject = {
  metadata: { name: 'web', namespace: 'ns', ownerReferences: [owner], labels: { v: '2' } },
};
const signal = new AbortController().signal;

describe('applyOwnedChild', () => {
  it('creates a child the cache does not show', async () => {
    const server = new FakeServer();
    const result = await applyOwnedChild(server, desired, { existingUid: undefined, signal });
    expect(result.applied).toBe(true);
    expect(server.objects.get('web')?.metadata?.labels).toEqual({ v: '2' });
  });

  it('refuses, without writing, an existing object someone else created that the cache has not seen', async () => {
    const server = new FakeServer();
    server.put({ metadata: { name: 'web', namespace: 'ns', labels: { theirs: 'yes' } } });
    expect(await applyOwnedChild(server, desired, { existingUid: undefined, signal })).toEqual({
      applied: false,
      ownership: 'foreign',
    });
    expect(server.writes).toEqual([]);
  });

  it('refuses one still controlled by an earlier owner of the same name', async () => {
    const server = new FakeServer();
    server.put({ metadata: { name: 'web', namespace: 'ns', ownerReferences: [{ ...owner, uid: 'earlier-uid' }] } });
    expect(await applyOwnedChild(server, desired, { existingUid: undefined, signal })).toEqual({
      applied: false,
      ownership: 'previous-owner',
    });
  });

  it('updates its own child the cache had not seen yet, pinned to its uid', async () => {
    const server = new FakeServer();
    const ours = server.put({
      metadata: { name: 'web', namespace: 'ns', ownerReferences: [owner], labels: { v: '1' } },
    });
    expect((await applyOwnedChild(server, desired, { existingUid: undefined, signal })).applied).toBe(true);
    expect(server.writes.at(-1)?.metadata?.uid).toBe(ours.metadata?.uid);
    expect(server.objects.get('web')?.metadata?.labels).toEqual({ v: '2' });
  });

  it('never writes to an object that replaced the one the cache shows as its own', async () => {
    const server = new FakeServer();
    server.put({ metadata: { name: 'web', namespace: 'ns', uid: 'replacement-uid' } });
    expect(await applyOwnedChild(server, desired, { existingUid: 'our-old-uid', signal })).toEqual({
      applied: false,
      ownership: 'foreign',
    });
    expect(server.writes).toEqual([]);
  });

  it('passes on other refusals of its own child', async () => {
    const server = new FakeServer();
    const ours = server.put({ metadata: { name: 'web', namespace: 'ns', ownerReferences: [owner] } });
    const refusing: ChildWriter<KubeObject> = {
      apply: async () =>
        Promise.reject(new KubelessError({ code: ErrorCodes.INVALID.code, message: 'spec.schedule: invalid' })),
      find: (name) => server.find(name),
    };
    await expect(applyOwnedChild(refusing, desired, { existingUid: ours.metadata?.uid, signal })).rejects.toMatchObject(
      { code: ErrorCodes.INVALID.code },
    );
  });
});
