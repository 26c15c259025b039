import { listWatchFor } from './list-watch.js';
import { ResourceClient } from './resource-client.js';
import { ResourceTypes } from './known-resources.js';
import { FakeApiTransport } from '../test/fake-api-transport.js';

describe('listWatchFor', () => {
  it('lists every page and watches from a resourceVersion with bookmarks and a bounded, jittered timeout', async () => {
    const transport = new FakeApiTransport()
      .respond({ status: 200, body: { metadata: { resourceVersion: '10' }, items: [{ metadata: { name: 'cm' } }] } })
      .streamOnce({
        lines: [JSON.stringify({ type: 'MODIFIED', object: { metadata: { name: 'cm', resourceVersion: '11' } } })],
      });
    const lw = listWatchFor(new ResourceClient(transport, ResourceTypes.ConfigMap, 'm'), {
      namespace: 'demo',
      labelSelector: 'created-by=kubeless',
      minWatchTimeoutSeconds: 300,
      random: () => 0.5,
    });
    const signal = new AbortController().signal;
    const listed = await lw.list(signal);
    expect(listed).toEqual({
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }],
      resourceVersion: '10',
    });
    const seen: string[] = [];
    await lw.watch(
      listed.resourceVersion,
      (type, obj) => seen.push(`${type} ${obj.metadata?.resourceVersion}`),
      signal,
    );
    expect(seen).toEqual(['MODIFIED 11']);
    expect(transport.last.query).toMatchObject({
      watch: true,
      resourceVersion: '10',
      allowWatchBookmarks: true,
      timeoutSeconds: 450,
      labelSelector: 'created-by=kubeless',
    });
    expect(transport.last.path).toBe('/api/v1/namespaces/demo/configmaps');
  });
});
