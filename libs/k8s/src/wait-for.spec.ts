import { ErrorCodes } from '@kubeless-ts/errors';
import { ResourceClient } from './resource-client.js';
import { ResourceTypes } from './known-resources.js';
import { isEstablished } from './crd-installer.js';
import { waitFor } from './wait-for.js';
import { FakeApiTransport } from '../test/fake-api-transport.js';

const pending = { metadata: { name: 'functions.kubeless.io', resourceVersion: '5' }, status: { conditions: [] } };
const established = {
  metadata: { name: 'functions.kubeless.io', resourceVersion: '6' },
  status: { conditions: [{ type: 'Established', status: 'True' }] },
};

describe('waitFor', () => {
  it('reads, then watches that one object until the predicate holds', async () => {
    const transport = new FakeApiTransport()
      .respond({ status: 200, body: pending })
      .streamOnce({ lines: [JSON.stringify({ type: 'MODIFIED', object: established })] });
    const crds = new ResourceClient(transport, ResourceTypes.CustomResourceDefinition, 'm');
    const crd = await waitFor(crds, {
      name: 'functions.kubeless.io',
      until: isEstablished,
      description: 'Established',
      timeoutMs: 5_000,
    });
    expect(crd.metadata?.resourceVersion).toBe('6');
    expect(transport.last.query).toMatchObject({
      watch: true,
      resourceVersion: '5',
      fieldSelector: 'metadata.name=functions.kubeless.io',
    });
  });

  it('re-reads after an expired watch', async () => {
    const transport = new FakeApiTransport()
      .respond({ status: 200, body: pending }, { status: 200, body: established })
      .streamOnce({
        lines: [
          JSON.stringify({
            type: 'ERROR',
            object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
          }),
        ],
      });
    const crds = new ResourceClient(transport, ResourceTypes.CustomResourceDefinition, 'm');
    await expect(
      waitFor(crds, {
        name: 'functions.kubeless.io',
        until: isEstablished,
        description: 'Established',
        timeoutMs: 5_000,
      }),
    ).resolves.toMatchObject({ metadata: { resourceVersion: '6' } });
  });

  it('fails with TIMEOUT naming the object and the awaited state', async () => {
    const transport = new FakeApiTransport().respond({ status: 200, body: pending });
    // A watch that never sends anything: the stream only ends when the deadline aborts it.
    transport.stream = async (request) => {
      const { PassThrough } = await import('node:stream');
      const body = new PassThrough();
      request.signal?.addEventListener('abort', () => body.destroy(request.signal?.reason as Error), { once: true });
      return { status: 200, headers: {}, body };
    };
    const crds = new ResourceClient(transport, ResourceTypes.CustomResourceDefinition, 'm');
    await expect(
      waitFor(crds, {
        name: 'functions.kubeless.io',
        until: isEstablished,
        description: 'Established',
        timeoutMs: 200,
      }),
    ).rejects.toMatchObject({
      code: ErrorCodes.TIMEOUT.code,
      message: 'CustomResourceDefinition "functions.kubeless.io" was not Established within 0.2 s',
    });
  });
});
