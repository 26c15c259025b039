import {
  defaultKubelessConfigData,
  defaultRuntimeCatalogue,
  runtimeAliases,
  supportedRuntimes,
} from '@kubeless-ts/api';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

describe('get-server-config', () => {
  it('prints the supported runtimes from kubeless-config', async () => {
    const ports = fakePorts();
    ports.cluster.configMaps.put({
      metadata: { name: 'kubeless-config', namespace: 'kubeless' },
      data: defaultKubelessConfigData(),
    });
    expect(await runCli(['get-server-config'], ports)).toBe(0);
    const out = ports.out();
    expect(out).toContain(
      `Current Server Config (kubeless/kubeless-config):\nSupported Runtimes are: ${supportedRuntimes(defaultRuntimeCatalogue()).join(', ')}\n`,
    );
    expect(out).toContain(
      'Supported Runtimes are: nodejs22, nodejs24, nodejs26, python3.11, go1.26, ruby3.1, php8.2, java17',
    );
    expect(out).toMatch(
      /Deprecated names \(same handler contract\) run as: .*nodejs14 → nodejs24.*python3\.8 → python3\.11/,
    );
  });

  it('lists the aliases in -o json', async () => {
    const ports = fakePorts();
    ports.cluster.configMaps.put({
      metadata: { name: 'kubeless-config', namespace: 'kubeless' },
      data: defaultKubelessConfigData(),
    });
    expect(await runCli(['get-server-config', '-o', 'json'], ports)).toBe(0);
    expect(JSON.parse(ports.out())).toMatchObject({
      supportedRuntimes: supportedRuntimes(defaultRuntimeCatalogue()),
      runtimeAliases: runtimeAliases(defaultRuntimeCatalogue()),
    });
  });

  it('finds the config through the functions CRD annotations', async () => {
    const ports = fakePorts();
    ports.cluster.customResourceDefinitions.put({
      metadata: {
        name: 'functions.kubeless.io',
        annotations: { 'kubeless.io/namespace': 'ops', 'kubeless.io/config': 'cfg' },
      },
      spec: {
        group: 'kubeless.io',
        names: { kind: 'Function', plural: 'functions' },
        scope: 'Namespaced',
        versions: [],
      },
    });
    ports.cluster.configMaps.put({ metadata: { name: 'cfg', namespace: 'ops' }, data: defaultKubelessConfigData() });
    expect(await runCli(['get-server-config', '-o', 'json'], ports)).toBe(0);
    expect(JSON.parse(ports.out())).toMatchObject({ namespace: 'ops', name: 'cfg' });
  });

  it('says where it looked when the config is missing', async () => {
    const ports = fakePorts();
    expect(await runCli(['get-server-config'], ports)).toBe(1);
    expect(ports.err()).toContain(
      'Error KBL_ERR_NOT_FOUND: ConfigMap kubeless/kubeless-config (the kubeless server config) is not found',
    );
  });

  it('reports an invalid config with the field', async () => {
    const ports = fakePorts();
    ports.cluster.configMaps.put({
      metadata: { name: 'kubeless-config', namespace: 'kubeless' },
      data: { ...defaultKubelessConfigData(), 'runtime-images': 'nope' },
    });
    expect(await runCli(['get-server-config'], ports)).toBe(1);
    expect(ports.err()).toContain('runtime-images');
  });
});
