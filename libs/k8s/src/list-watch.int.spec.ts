import { ErrorCodes } from '@kubeless-ts/errors';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { KubeClients } from './kube-clients.js';
import { listWatchFor } from './list-watch.js';
import type { WatchEventType } from './watch-stream.js';
import { eventually } from '@kubeless-ts/test-support';
import { adminClients, createNamespace, deleteNamespace, installKubelessCrds } from '../test/int-environment.js';
import { aFunction } from '../test/function-builder.js';

describe('listWatchFor against the real API server', () => {
  let clients: KubeClients;
  let namespace: string;

  beforeAll(async () => {
    clients = await adminClients();
    await installKubelessCrds(clients);
    namespace = await createNamespace(clients, 'k8s-watch');
  });
  afterAll(async () => {
    await deleteNamespace(clients, namespace);
  });

  it('lists, then sees ADDED, MODIFIED and DELETED from the list resourceVersion', async () => {
    await clients.functions.create(aFunction('before').inNamespace(namespace).build());
    const lw = listWatchFor(clients.functions, { namespace });
    const controller = new AbortController();
    const listed = await lw.list(controller.signal);
    expect(listed.items.map((item) => item.metadata.name)).toEqual(['before']);

    const seen: { type: WatchEventType; name?: string }[] = [];
    const watching = lw.watch(
      listed.resourceVersion,
      (type, obj: KubelessFunction) => seen.push({ type, name: obj.metadata.name }),
      controller.signal,
    );

    await clients.functions.create(aFunction('live').inNamespace(namespace).build());
    await clients.functions.patch('live', { type: 'merge', patch: { spec: { timeout: '5' } } }, { namespace });
    await clients.functions.delete('live', { namespace });
    await eventually(() => expect(seen.filter((event) => event.name === 'live')).toHaveLength(3));
    expect(seen.filter((event) => event.type !== 'BOOKMARK')).toEqual([
      { type: 'ADDED', name: 'live' },
      { type: 'MODIFIED', name: 'live' },
      { type: 'DELETED', name: 'live' },
    ]);

    controller.abort();
    await expect(watching).resolves.toBeUndefined();
  });

  it('filters by label selector across all namespaces', async () => {
    await clients.functions.create(
      aFunction('labelled').inNamespace(namespace).withLabels({ 'k8s-int': namespace }).build(),
    );
    await clients.functions.create(aFunction('other').inNamespace(namespace).build());
    const listed = await listWatchFor(clients.functions, { labelSelector: `k8s-int=${namespace}` }).list(
      new AbortController().signal,
    );
    expect(listed.items.map((item) => `${item.metadata.namespace}/${item.metadata.name}`)).toEqual([
      `${namespace}/labelled`,
    ]);
  });

  it('rejects with KBL_ERR_GONE when the resourceVersion has expired', async () => {
    // The Function watch cache starts when its CRD is installed, long after resourceVersion 1,
    // so the API server answers an ERROR event "too old resource version" (410).
    await clients.functions.create(aFunction('gone').inNamespace(namespace).build());
    const lw = listWatchFor(clients.functions, { namespace });
    const controller = new AbortController();
    const outcome = lw.watch('1', () => undefined, controller.signal);
    const guard = setTimeout(() => controller.abort(new Error('no 410 within 20 s')), 20_000);
    await expect(outcome).rejects.toMatchObject({
      code: ErrorCodes.GONE.code,
      message: expect.stringContaining('too old resource version'),
    });
    clearTimeout(guard);
  });
});
