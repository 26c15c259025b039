import { DEFAULT_PROVISION_IMAGE } from '@kubeless-ts/api';
import { KubelessError } from '@kubeless-ts/errors';
import { FakeApiTransport } from '../test/fake-api-transport.js';
import { readKubelessConfig } from './kubeless-config-reader.js';
import { ResourceTypes } from './known-resources.js';
import type { ConfigMap } from './k8s-models.js';
import { ResourceClient } from './resource-client.js';

function configMapsAnswering(response: { status: number; body?: unknown }): {
  client: ResourceClient<ConfigMap>;
  transport: FakeApiTransport;
} {
  const transport = new FakeApiTransport().respond(response);
  return { client: new ResourceClient(transport, ResourceTypes.ConfigMap, 'test'), transport };
}

describe('readKubelessConfig', () => {
  it('falls back to the defaults when the ConfigMap does not exist', async () => {
    const { client, transport } = configMapsAnswering({
      status: 404,
      body: { kind: 'Status', reason: 'NotFound', code: 404 },
    });
    const config = await readKubelessConfig(client, { namespace: 'kubeless' });
    expect(transport.last.path).toBe('/api/v1/namespaces/kubeless/configmaps/kubeless-config');
    expect(config.functionsNamespace).toBe('');
    expect(config.provisionImage).not.toBe('');
  });

  it('reads the keys that are set and defaults the others', async () => {
    const { client } = configMapsAnswering({
      status: 200,
      body: { metadata: { name: 'cfg' }, data: { 'provision-image': 'example/unzip:1', 'functions-namespace': 'fns' } },
    });
    const config = await readKubelessConfig(client, { namespace: 'kubeless', name: 'cfg' });
    expect(config).toMatchObject({
      provisionImage: 'example/unzip:1',
      functionsNamespace: 'fns',
      ingressEnabled: false,
    });
    expect(config.provisionImage).not.toBe(DEFAULT_PROVISION_IMAGE);
  });

  it('fails naming the key that is wrong', async () => {
    const { client } = configMapsAnswering({
      status: 200,
      body: { metadata: { name: 'kubeless-config' }, data: { 'service-type': 'Magic' } },
    });
    const failure = readKubelessConfig(client, { namespace: 'kubeless' });
    await expect(failure).rejects.toBeInstanceOf(KubelessError);
    await expect(failure).rejects.toThrow(/kubeless\/kubeless-config is invalid: service-type: "Magic"/);
  });
});
