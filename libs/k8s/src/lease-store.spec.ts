import { ErrorCodes } from '@kubeless-ts/errors';
import { leaseStoreFor } from './lease-store.js';
import { ResourceClient } from './resource-client.js';
import { ResourceTypes } from './known-resources.js';
import { FakeApiTransport } from '../test/fake-api-transport.js';

describe('leaseStoreFor', () => {
  const signal = new AbortController().signal;
  let transport: FakeApiTransport;
  beforeEach(() => {
    transport = new FakeApiTransport();
  });
  const store = () =>
    leaseStoreFor(new ResourceClient(transport, ResourceTypes.Lease, 'leader'), {
      namespace: 'kubeless',
      name: 'function-controller',
    });

  it('reads a missing lease as undefined', async () => {
    transport.respond({
      status: 404,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 404,
        reason: 'NotFound',
        details: { name: 'function-controller' },
      },
    });
    await expect(store().get(signal)).resolves.toBeUndefined();
  });

  it('creates with micro-precision times, without a resourceVersion', async () => {
    transport.respond({
      status: 201,
      body: {
        metadata: { resourceVersion: '5' },
        spec: { holderIdentity: 'pod-a', renewTime: '2026-11-25T12:00:00.123000Z' },
      },
    });
    const created = await store().create(
      {
        holderIdentity: 'pod-a',
        leaseDurationSeconds: 15,
        renewTime: '2026-11-25T12:00:00.123Z',
        resourceVersion: 'ignored',
      },
      signal,
    );
    expect(created).toMatchObject({ holderIdentity: 'pod-a', resourceVersion: '5' });
    expect(transport.last.path).toBe('/apis/coordination.k8s.io/v1/namespaces/kubeless/leases');
    expect(transport.lastJson()).toMatchObject({
      metadata: { name: 'function-controller', namespace: 'kubeless' },
      spec: { renewTime: '2026-11-25T12:00:00.123000Z', leaseDurationSeconds: 15 },
    });
    expect((transport.lastJson() as { metadata: Record<string, unknown> }).metadata['resourceVersion']).toBeUndefined();
  });

  it('updates with the resourceVersion as precondition and maps a stale one to CONFLICT', async () => {
    transport.respond({
      status: 409,
      body: {
        kind: 'Status',
        status: 'Failure',
        code: 409,
        reason: 'Conflict',
        message: 'the object has been modified',
      },
    });
    await expect(store().update({ holderIdentity: 'pod-b', resourceVersion: '4' }, signal)).rejects.toMatchObject({
      code: ErrorCodes.CONFLICT.code,
    });
    expect(transport.last).toMatchObject({
      method: 'PUT',
      path: '/apis/coordination.k8s.io/v1/namespaces/kubeless/leases/function-controller',
    });
    expect(transport.lastJson()).toMatchObject({ metadata: { resourceVersion: '4' } });
  });
});
