import { defaultKubelessConfigData, defaultRuntimeCatalogue, supportedRuntimes } from '@kubeless-ts/api';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

describe('get-server-config', () => {
  it('prints the supported runtimes from kubeless-config', async () => {
    const ports = fakePorts();
    ports.cluster.configMaps.put({ metadata: { name: 'kubeless-config', namespace: 'kubeless' }, data: defaultKubelessConfigData() });
    expect(await runCli(['get-server-config'], ports)).toBe(0);
    expect(ports.out()).toBe(`Current Server Config (kubeless/kubeless-config):\nSupported Runtimes are: ${supportedRuntimes(defaultRuntimeCatalogue()).join(', ')}\n`);
  });

  it('finds the config through the functions CRD annotations', async () => {
    const ports = fakePorts();
    ports.cluster.customResourceDefinitions.put({
      metadata: { name: 'functions.kubeless.io', annotations: { 'kubeless.io/namespace': 'ops', 'kubeless.io/config': 'cfg' } },
      spec: { group: 'kubeless.io', names: { kind: 'Function', plural: 'functions' }, scope: 'Namespaced', versions: [] },
    });
    ports.cluster.configMaps.put({ metadata: { name: 'cfg', namespace: 'ops' }, data: defaultKubelessConfigData() });
    expect(await runCli(['get-server-config', '-o', 'json'], ports)).toBe(0);
    expect(JSON.parse(ports.out())).toMatchObject({ namespace: 'ops', name: 'cfg' });
  });

  it('says where it looked when the config is missing', async () => {
    const ports = fakePorts();
    expect(await runCli(['get-server-config'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_NOT_FOUND: ConfigMap kubeless/kubeless-config (the kubeless server config) is not found');
  });

  it('reports an invalid config with the field', async () => {
    const ports = fakePorts();
    ports.cluster.configMaps.put({ metadata: { name: 'kubeless-config', namespace: 'kubeless' }, data: { ...defaultKubelessConfigData(), 'runtime-images': 'nope' } });
    expect(await runCli(['get-server-config'], ports)).toBe(1);
    expect(ports.err()).toContain('runtime-images');
  });
});
