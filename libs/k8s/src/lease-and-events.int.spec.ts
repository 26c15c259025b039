import { ErrorCodes } from '@kubeless-ts/errors';
import type { KubeClients } from './kube-clients.js';
import { adminClients, createNamespace, deleteNamespace, installKubelessCrds } from '../test/int-environment.js';
import { aFunction } from '../test/function-builder.js';

describe('leases, events and logs against the real API server', () => {
  let clients: KubeClients;
  let namespace: string;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    clients = await adminClients();
    await installKubelessCrds(clients);
    namespace = await createNamespace(clients, 'k8s-lease');
  });
  afterAll(async () => {
    await deleteNamespace(clients, namespace);
  });

  it('creates a lease, renews it, and rejects a stale update with KBL_ERR_CONFLICT', async () => {
    const store = clients.leaseStore({ namespace, name: 'function-controller' });
    await expect(store.get(signal)).resolves.toBeUndefined();
    const now = new Date().toISOString();
    const created = await store.create(
      { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 0 },
      signal,
    );
    expect(created.resourceVersion).toBeTruthy();
    expect(created.renewTime).toMatch(/\.\d{6}Z$/);

    const renewed = await store.update({ ...created, renewTime: new Date().toISOString() }, signal);
    expect(renewed.resourceVersion).not.toBe(created.resourceVersion);
    expect(renewed.holderIdentity).toBe('pod-a');

    await expect(store.update({ ...created, holderIdentity: 'pod-b' }, signal)).rejects.toMatchObject({
      code: ErrorCodes.CONFLICT.code,
    });
    await expect(store.create({ holderIdentity: 'pod-b' }, signal)).rejects.toMatchObject({
      code: ErrorCodes.ALREADY_EXISTS.code,
    });
    await expect(store.get(signal)).resolves.toMatchObject({
      holderIdentity: 'pod-a',
      resourceVersion: renewed.resourceVersion,
    });
  });

  it('records Warning and Normal events about a Function, visible through both event APIs', async () => {
    const fn = await clients.functions.create(aFunction('evented').inNamespace(namespace).build());
    const recorder = clients.eventRecorder({
      reportingController: 'kubeless.io/function-controller',
      reportingInstance: 'controller-0',
    });
    const involved = {
      apiVersion: 'kubeless.io/v1beta1',
      kind: 'Function',
      name: 'evented',
      namespace,
      uid: fn.metadata.uid,
    };
    await recorder.record(involved, {
      type: 'Warning',
      reason: 'OwnershipConflict',
      action: 'Reconcile',
      note: 'Deployment evented exists and is not owned by this Function',
    });
    await recorder.record(involved, {
      type: 'Normal',
      reason: 'Deployed',
      action: 'Reconcile',
      note: 'x'.repeat(2000),
    });

    const events = await clients.events.list({ namespace, fieldSelector: 'regarding.name=evented' });
    expect(events.items.map((event) => `${event.type}/${event.reason}`).sort()).toEqual([
      'Normal/Deployed',
      'Warning/OwnershipConflict',
    ]);
    expect(events.items.find((event) => event.reason === 'Deployed')?.note).toHaveLength(1024);

    const legacy = await clients.coreEvents.list({ namespace, fieldSelector: 'involvedObject.name=evented' });
    expect(legacy.items.find((event) => event.reason === 'OwnershipConflict')?.message).toContain('not owned');
  });

  it('records a repeated event as a series on one Event', async () => {
    const fn = await clients.functions.create(aFunction('flapping').inNamespace(namespace).build());
    const recorder = clients.eventRecorder({
      reportingController: 'kubeless.io/function-controller',
      reportingInstance: 'controller-0',
    });
    const involved = {
      apiVersion: 'kubeless.io/v1beta1',
      kind: 'Function',
      name: 'flapping',
      namespace,
      uid: fn.metadata.uid,
    };
    const failure = {
      type: 'Warning',
      reason: 'ReconcileFailed',
      action: 'Reconcile',
      note: 'runtime nodejs99 is not in the catalogue',
    } as const;
    for (let attempt = 0; attempt < 3; attempt += 1) await recorder.record(involved, failure);
    const events = await clients.events.list({ namespace, fieldSelector: 'regarding.name=flapping' });
    expect(events.items).toHaveLength(1);
    expect(events.items[0]?.series?.count).toBe(3);
  });

  it('maps logs of a missing pod to NOT_FOUND', async () => {
    await expect(clients.podLogs({ namespace, pod: 'nope' })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
      message: `Pod "${namespace}/nope" not found`,
    });
  });
});
