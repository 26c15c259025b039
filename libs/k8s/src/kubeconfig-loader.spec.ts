import { delimiter } from 'node:path';
import type https from 'node:https';
import { ErrorCodes } from '@kubeless-ts/errors';
import { loadKubeconfig } from './kubeconfig-loader.js';
import type { KubeconfigOptions } from './kubeconfig-loader.js';
import { aKubeconfig, TempDir } from '../test/kubeconfig-fixtures.js';

describe('loadKubeconfig', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = new TempDir();
  });
  afterEach(() => dir.remove());

  /** Isolated from the machine: no HOME config, no in-cluster files unless a test adds them. */
  function load(options: KubeconfigOptions & { envOverrides?: Record<string, string> } = {}) {
    const { envOverrides, ...rest } = options;
    return loadKubeconfig({
      homeDir: dir.path('home'),
      serviceAccountDir: dir.path('sa'),
      env: { ...envOverrides },
      ...rest,
    });
  }

  async function authorization(kubeConfig: {
    applyToHTTPSOptions(o: https.RequestOptions): Promise<void>;
  }): Promise<unknown> {
    const headers: Record<string, string> = {};
    const options: https.RequestOptions = { headers };
    await kubeConfig.applyToHTTPSOptions(options);
    return (options.headers as Record<string, unknown>)['Authorization'];
  }

  it('prefers an explicit --kubeconfig over KUBECONFIG and ~/.kube/config', async () => {
    const explicit = dir.write('explicit.yaml', aKubeconfig([{ name: 'explicit' }], 'explicit'));
    const listed = dir.write('listed.yaml', aKubeconfig([{ name: 'listed' }], 'listed'));
    dir.write('home/.kube/config', aKubeconfig([{ name: 'home' }], 'home'));
    const { info } = await load({ kubeconfig: explicit, envOverrides: { KUBECONFIG: listed } });
    expect(info).toMatchObject({
      source: 'flag',
      context: 'explicit',
      files: [explicit],
      server: 'https://explicit.example:6443',
    });
  });

  it('fails clearly when the explicit file does not exist', async () => {
    await expect(load({ kubeconfig: dir.path('missing.yaml') })).rejects.toMatchObject({
      code: ErrorCodes.KUBECONFIG.code,
      message: expect.stringContaining('missing.yaml does not exist'),
    });
  });

  it('merges a KUBECONFIG list the kubectl way: first file wins, missing files skipped', async () => {
    const first = dir.write('a.yaml', aKubeconfig([{ name: 'shared', server: 'https://first:6443' }], 'shared'));
    const second = dir.write(
      'b.yaml',
      aKubeconfig(
        [
          { name: 'shared', server: 'https://second:6443' },
          { name: 'extra', namespace: 'tools' },
        ],
        'extra',
      ),
    );
    const list = [first, dir.path('gone.yaml'), second].join(delimiter);
    const merged = await load({ envOverrides: { KUBECONFIG: list } });
    expect(merged.info).toMatchObject({
      source: 'KUBECONFIG',
      context: 'shared',
      server: 'https://first:6443',
      files: [first, second],
    });
    const other = await load({ envOverrides: { KUBECONFIG: list }, context: 'extra' });
    expect(other.info).toMatchObject({ context: 'extra', namespace: 'tools', server: 'https://extra.example:6443' });
  });

  it('falls back to ~/.kube/config', async () => {
    dir.write('home/.kube/config', aKubeconfig([{ name: 'home', namespace: 'dev' }], 'home'));
    const { info } = await load();
    expect(info).toMatchObject({ source: 'home', context: 'home', namespace: 'dev' });
  });

  it('uses the in-cluster ServiceAccount last, reading namespace and a trimmed token', async () => {
    dir.write('sa/token', 'in-cluster-token\n');
    dir.write('sa/ca.crt', 'not used by this test');
    dir.write('sa/namespace', 'kubeless\n');
    const { info, kubeConfig } = await load({
      envOverrides: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
    });
    expect(info).toMatchObject({
      source: 'in-cluster',
      server: 'https://[fd00::1]:443',
      namespace: 'kubeless',
      files: [],
    });
    expect(await authorization(kubeConfig)).toBe('Bearer in-cluster-token');
  });

  it('says how to fix a missing configuration', async () => {
    await expect(load()).rejects.toMatchObject({
      code: ErrorCodes.KUBECONFIG.code,
      message: 'no kubeconfig found; set KUBECONFIG or --kubeconfig',
      terminal: true,
    });
  });

  it('names the available contexts when --context is unknown', async () => {
    const file = dir.write('c.yaml', aKubeconfig([{ name: 'a' }, { name: 'b' }], 'a'));
    await expect(load({ kubeconfig: file, context: 'nope' })).rejects.toMatchObject({
      code: ErrorCodes.KUBECONFIG.code,
      message: 'context nope not found; available: a, b',
    });
  });

  it('requires a current context when none is passed', async () => {
    const file = dir.write('c.yaml', aKubeconfig([{ name: 'a' }]));
    await expect(load({ kubeconfig: file })).rejects.toMatchObject({
      message: expect.stringContaining('no current-context; available: a'),
    });
  });

  it('resolves the namespace: explicit > context > default', async () => {
    const file = dir.write('c.yaml', aKubeconfig([{ name: 'with', namespace: 'ctx-ns' }, { name: 'without' }], 'with'));
    expect((await load({ kubeconfig: file, namespace: 'flag-ns' })).info.namespace).toBe('flag-ns');
    expect((await load({ kubeconfig: file })).info.namespace).toBe('ctx-ns');
    expect((await load({ kubeconfig: file, context: 'without' })).info.namespace).toBe('default');
  });

  it('replaces the credentials with KUBELESS_TOKEN_FILE_PATH but keeps the cluster', async () => {
    const file = dir.write('c.yaml', aKubeconfig([{ name: 'a' }], 'a'));
    const token = dir.write('token', 'controller-token\n');
    const plain = await load({ kubeconfig: file });
    expect(await authorization(plain.kubeConfig)).toBe('Bearer token-of-a');
    const overridden = await load({ kubeconfig: file, envOverrides: { KUBELESS_TOKEN_FILE_PATH: token } });
    expect(await authorization(overridden.kubeConfig)).toBe('Bearer controller-token');
    expect(overridden.info.server).toBe('https://a.example:6443');
    await expect(load({ kubeconfig: file, tokenFile: dir.path('nope') })).rejects.toMatchObject({
      code: ErrorCodes.KUBECONFIG.code,
    });
  });

  it('reports a malformed file with its path', async () => {
    const file = dir.write('bad.yaml', 'clusters: [');
    await expect(load({ kubeconfig: file })).rejects.toMatchObject({
      code: ErrorCodes.KUBECONFIG.code,
      message: expect.stringContaining('bad.yaml'),
    });
  });
});
