import { ErrorCodes } from '@kubeless-ts/errors';
import { ResourceClient } from './resource-client.js';
import { ResourceTypes } from './known-resources.js';
import type { WatchEvent } from './watch-stream.js';
import type { KubelessFunction } from '@kubeless-ts/api';
import { FakeApiTransport } from '../test/fake-api-transport.js';
import { aFunction } from '../test/function-builder.js';

const notFound = {
  status: 404,
  body: {
    kind: 'Status',
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: 'x not found',
    details: { name: 'hello' },
  },
};
const apiMissing = {
  status: 404,
  body: {
    kind: 'Status',
    status: 'Failure',
    reason: 'NotFound',
    code: 404,
    message: 'the server could not find the requested resource',
    details: {},
  },
};

describe('ResourceClient', () => {
  let transport: FakeApiTransport;
  let functions: ResourceClient<KubelessFunction>;
  beforeEach(() => {
    transport = new FakeApiTransport();
    functions = new ResourceClient(transport, ResourceTypes.Function, 'kubeless-test');
  });

  it('gets an object by namespace and name', async () => {
    const fn = aFunction('hello').inNamespace('demo').build();
    transport.respond({ status: 200, body: fn });
    await expect(functions.get('hello', { namespace: 'demo' })).resolves.toEqual(fn);
    expect(transport.last).toMatchObject({
      method: 'GET',
      path: '/apis/kubeless.io/v1beta1/namespaces/demo/functions/hello',
    });
  });

  it('find resolves undefined for a missing object but fails when the CRD is missing', async () => {
    transport.respond(notFound, apiMissing);
    await expect(functions.find('hello', { namespace: 'demo' })).resolves.toBeUndefined();
    await expect(functions.find('hello', { namespace: 'demo' })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
      details: expect.objectContaining({ apiMissing: true }),
    });
  });

  it('refuses a namespaced call without namespace before sending anything', async () => {
    await expect(functions.get('hello')).rejects.toMatchObject({ code: ErrorCodes.INTERNAL.code });
    expect(transport.requests).toHaveLength(0);
  });

  it('lists across all namespaces, with selectors, restoring apiVersion/kind on items', async () => {
    transport.respond({
      status: 200,
      body: { metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'a' } }] },
    });
    const page = await functions.list({ labelSelector: 'function=a', fieldSelector: 'metadata.name=a' });
    expect(transport.last.path).toBe('/apis/kubeless.io/v1beta1/functions');
    expect(transport.last.query).toMatchObject({ labelSelector: 'function=a', fieldSelector: 'metadata.name=a' });
    expect(page).toEqual({
      items: [{ apiVersion: 'kubeless.io/v1beta1', kind: 'Function', metadata: { name: 'a' } }],
      resourceVersion: '42',
      continueToken: undefined,
    });
  });

  it('listAll follows continue tokens and keeps the first resourceVersion', async () => {
    transport.respond(
      {
        status: 200,
        body: { metadata: { resourceVersion: '7', continue: 'next' }, items: [{ metadata: { name: 'a' } }] },
      },
      { status: 200, body: { metadata: { resourceVersion: '7' }, items: [{ metadata: { name: 'b' } }] } },
    );
    const all = await functions.listAll({ namespace: 'demo' });
    expect(all.items.map((item) => item.metadata.name)).toEqual(['a', 'b']);
    expect(all.resourceVersion).toBe('7');
    expect(transport.requests[1]?.query).toMatchObject({ continue: 'next', limit: 500 });
  });

  it('creates in the object namespace with field manager and dryRun=All', async () => {
    const fn = aFunction('hello').inNamespace('demo').build();
    transport.respond({ status: 201, body: fn });
    await functions.create(fn, { dryRun: true });
    expect(transport.last).toMatchObject({
      method: 'POST',
      path: '/apis/kubeless.io/v1beta1/namespaces/demo/functions',
      query: { dryRun: 'All', fieldManager: 'kubeless-test' },
    });
    expect(transport.last.headers?.['Content-Type']).toBe('application/json');
  });

  it('server-side applies with the apply content type, force and without managedFields', async () => {
    const fn = aFunction('hello').inNamespace('demo').build();
    const fromServer = { ...fn, metadata: { ...fn.metadata, managedFields: [{ manager: 'x' }] } } as KubelessFunction;
    transport.respond({ status: 200, body: fn });
    await functions.apply(fromServer, { force: true, fieldManager: 'kubeless-cli' });
    expect(transport.last).toMatchObject({
      method: 'PATCH',
      path: '/apis/kubeless.io/v1beta1/namespaces/demo/functions/hello',
      query: { fieldManager: 'kubeless-cli', force: true },
    });
    expect(transport.last.headers?.['Content-Type']).toBe('application/apply-patch+yaml');
    expect(transport.lastJson()).toEqual(fn);
  });

  it('sends the field validation an apply asks for, and none otherwise', async () => {
    const fn = aFunction('hello').inNamespace('demo').build();
    transport.respond({ status: 200, body: fn }, { status: 200, body: fn });
    await functions.apply(fn, { force: true, fieldValidation: 'Ignore' });
    expect(transport.last.query).toMatchObject({ fieldValidation: 'Ignore' });
    await functions.apply(fn, { force: true });
    expect(transport.last.query?.['fieldValidation']).toBeUndefined();
  });

  it('applies and patches the status subresource', async () => {
    const fn = aFunction('hello').inNamespace('demo').build();
    transport.respond({ status: 200, body: fn }, { status: 200, body: fn });
    await functions.applyStatus({ ...fn, status: { readyReplicas: 1 } });
    expect(transport.last.path).toBe('/apis/kubeless.io/v1beta1/namespaces/demo/functions/hello/status');
    await functions.patchStatus('hello', { type: 'merge', patch: { status: { replicas: 1 } } }, { namespace: 'demo' });
    expect(transport.last.headers?.['Content-Type']).toBe('application/merge-patch+json');
  });

  it('sends JSON patches with their content type', async () => {
    transport.respond({ status: 200, body: aFunction('hello').build() });
    await functions.patch(
      'hello',
      { type: 'json', patch: [{ op: 'replace', path: '/spec/handler', value: 'h.f' }] },
      { namespace: 'demo' },
    );
    expect(transport.last.headers?.['Content-Type']).toBe('application/json-patch+json');
    expect(transport.lastJson()).toEqual([{ op: 'replace', path: '/spec/handler', value: 'h.f' }]);
  });

  it('deletes with a propagation policy, and can ignore not-found', async () => {
    transport.respond({ status: 200, body: { kind: 'Status', status: 'Success' } }, notFound, notFound);
    await expect(functions.delete('hello', { namespace: 'demo', propagationPolicy: 'Foreground' })).resolves.toBe(true);
    expect(transport.last).toMatchObject({ method: 'DELETE', query: { propagationPolicy: 'Foreground' } });
    await expect(functions.delete('hello', { namespace: 'demo', ignoreNotFound: true })).resolves.toBe(false);
    await expect(functions.delete('hello', { namespace: 'demo' })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
    });
  });

  it('puts the propagation policy into a DeleteOptions body with preconditions (the server reads the body over the query)', async () => {
    transport.respond({ status: 200, body: { kind: 'Status', status: 'Success' } });
    await functions.delete('hello', {
      namespace: 'demo',
      propagationPolicy: 'Background',
      preconditions: { uid: 'u1' },
    });
    expect(transport.lastJson()).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      preconditions: { uid: 'u1' },
      propagationPolicy: 'Background',
    });
  });

  it('builds core and cluster-scoped paths', async () => {
    const namespaces = new ResourceClient(transport, ResourceTypes.Namespace, 'm');
    const deployments = new ResourceClient(transport, ResourceTypes.Deployment, 'm');
    transport.respond({ status: 200, body: {} }, { status: 200, body: {} });
    await namespaces.get('demo');
    expect(transport.last.path).toBe('/api/v1/namespaces/demo');
    await deployments.get('web', { namespace: 'demo' });
    expect(transport.last.path).toBe('/apis/apps/v1/namespaces/demo/deployments/web');
  });

  describe('watch', () => {
    it('passes events on and resolves when the server ends the stream', async () => {
      transport.streamOnce({
        lines: [
          JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '2' } } }),
          JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '3' } } }),
          JSON.stringify({ type: 'DELETED', object: { metadata: { name: 'a', resourceVersion: '4' } } }),
        ],
      });
      const events: WatchEvent<KubelessFunction>[] = [];
      await functions.watch(
        { namespace: 'demo', resourceVersion: '1', allowWatchBookmarks: true, timeoutSeconds: 300 },
        (event) => events.push(event),
      );
      expect(events.map((event) => event.type)).toEqual(['ADDED', 'BOOKMARK', 'DELETED']);
      expect(transport.last.query).toMatchObject({
        watch: true,
        resourceVersion: '1',
        allowWatchBookmarks: true,
        timeoutSeconds: 300,
      });
    });

    it('rejects with GONE on an ERROR event carrying 410', async () => {
      transport.streamOnce({
        lines: [
          JSON.stringify({
            type: 'ERROR',
            object: {
              kind: 'Status',
              status: 'Failure',
              code: 410,
              reason: 'Expired',
              message: 'too old resource version: 1 (9)',
            },
          }),
        ],
      });
      await expect(functions.watch({ resourceVersion: '1' }, () => undefined)).rejects.toMatchObject({
        code: ErrorCodes.GONE.code,
      });
    });

    it('rejects with GONE when the watch request itself answers 410', async () => {
      transport.streamOnce({
        lines: [],
        status: 410,
        body: { kind: 'Status', status: 'Failure', code: 410, reason: 'Gone', message: 'expired' },
      });
      await expect(functions.watch({ resourceVersion: '1' }, () => undefined)).rejects.toMatchObject({
        code: ErrorCodes.GONE.code,
      });
    });

    it('resolves when the caller aborts', async () => {
      const controller = new AbortController();
      transport.streamOnce({ lines: [JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })] });
      await expect(
        functions.watch({ signal: controller.signal }, () => controller.abort(new Error('stop'))),
      ).resolves.toBeUndefined();
    });

    it('maps a connection failure', async () => {
      transport.streamOnce({ error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      await expect(functions.watch({}, () => undefined)).rejects.toMatchObject({ code: ErrorCodes.UNREACHABLE.code });
    });
  });
});
