import { mkdtempSync, writeFileSync } from 'node:fs';
import type https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStaticKubeconfig } from './static-kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'static-kubeconfig-'));
const write = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const b64 = (text: string) => Buffer.from(text).toString('base64');

function config(
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'c', cluster: { server: 'https://10.0.0.1:6443/', 'certificate-authority-data': b64('CA'), ...cluster } },
    ],
    users: [{ name: 'u', user }],
    contexts: [
      { name: 'main', context: { cluster: 'c', user: 'u', namespace: 'team' } },
      { name: 'other', context: { cluster: 'c', user: 'u' } },
    ],
    'current-context': 'main',
    ...extra,
  };
}

async function options(loaded: ReturnType<typeof loadStaticKubeconfig>): Promise<https.RequestOptions> {
  const request: https.RequestOptions = { headers: { Accept: 'application/json' } };
  await loaded?.credentials.applyToHTTPSOptions(request);
  return request;
}

describe('static kubeconfig reader', () => {
  it('reads a client-certificate kubeconfig like kubectl: namespace, CA, cert and key', async () => {
    const path = write('cert.yaml', config({ 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') }));
    const loaded = loadStaticKubeconfig({ kubeconfig: path, env: {} });
    expect(loaded?.info).toEqual({
      source: 'flag',
      files: [path],
      context: 'main',
      cluster: 'c',
      user: 'u',
      server: 'https://10.0.0.1:6443',
      namespace: 'team',
    });
    expect(loaded?.credentials.getCurrentCluster()).toEqual({ name: 'c', server: 'https://10.0.0.1:6443/' });
    const request = await options(loaded);
    expect(request).toMatchObject({
      ca: Buffer.from('CA'),
      cert: Buffer.from('CERT'),
      key: Buffer.from('KEY'),
      rejectUnauthorized: true,
      headers: { Accept: 'application/json' },
    });
  });

  it('reads tokens, token files relative to the kubeconfig, and the KUBELESS_TOKEN_FILE_PATH override', async () => {
    write('token.txt', 'from-file\n');
    write('override.txt', 'override\n');
    const inline = write(
      'token.yaml',
      config({ token: 'abc' }, { 'insecure-skip-tls-verify': true, 'certificate-authority-data': undefined }),
    );
    expect(await options(loadStaticKubeconfig({ kubeconfig: inline, env: {} }))).toMatchObject({
      rejectUnauthorized: false,
      headers: { Authorization: 'Bearer abc' },
    });
    const fromFile = write('token-file.yaml', config({ tokenFile: 'token.txt' }));
    expect((await options(loadStaticKubeconfig({ kubeconfig: fromFile, env: {} }))).headers).toMatchObject({
      Authorization: 'Bearer from-file',
    });
    const override = loadStaticKubeconfig({
      kubeconfig: inline,
      env: { KUBELESS_TOKEN_FILE_PATH: join(dir, 'override.txt') },
    });
    expect((await options(override)).headers).toMatchObject({ Authorization: 'Bearer override' });
  });

  it('reads YAML kubeconfigs too', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: c',
      '  cluster:',
      '    server: https://k:6443',
      'users:',
      '- name: u',
      '  user:',
      '    token: t',
      'contexts:',
      '- name: x',
      '  context: {cluster: c, user: u}',
      'current-context: x',
      '',
    ].join('\n');
    expect(loadStaticKubeconfig({ kubeconfig: write('plain.yaml', yaml), env: {} })?.info).toMatchObject({
      context: 'x',
      server: 'https://k:6443',
      namespace: 'default',
    });
  });

  it('applies --context and --namespace, and merges a KUBECONFIG list first-wins', () => {
    const first = write('first.yaml', config({ token: 'a' }));
    const second = write('second.yaml', {
      ...config({ token: 'b' }),
      'current-context': 'other',
      clusters: [{ name: 'c', cluster: { server: 'https://ignored' } }],
    });
    const loaded = loadStaticKubeconfig({
      context: 'other',
      namespace: 'ns',
      env: { KUBECONFIG: `${first}:${second}` },
    });
    expect(loaded?.info).toMatchObject({
      source: 'KUBECONFIG',
      context: 'other',
      namespace: 'ns',
      server: 'https://10.0.0.1:6443',
    });
    expect(loadStaticKubeconfig({ env: { KUBECONFIG: `${second}:${first}` } })?.info).toMatchObject({
      context: 'other',
      server: 'https://ignored',
      namespace: 'default',
    });
  });

  it.each([
    ['an exec plugin', config({ exec: { command: 'aws', apiVersion: 'client.authentication.k8s.io/v1' } })],
    ['an auth-provider', config({ 'auth-provider': { name: 'oidc' } })],
    ['basic auth', config({ username: 'u', password: 'p' })],
    ['a proxy', config({ token: 't' }, { 'proxy-url': 'http://proxy:3128' })],
    ['an unknown context', config({ token: 't' }, {}, { 'current-context': 'missing' })],
  ])('declines %s so the full loader decides', (_name, content) => {
    expect(loadStaticKubeconfig({ kubeconfig: write('declined.yaml', content), env: {} })).toBeUndefined();
  });

  it('declines missing and unparsable files and in-cluster configuration', () => {
    expect(loadStaticKubeconfig({ kubeconfig: join(dir, 'nope.yaml'), env: {} })).toBeUndefined();
    expect(loadStaticKubeconfig({ kubeconfig: write('bad.yaml', '{ not yaml: ['), env: {} })).toBeUndefined();
    expect(
      loadStaticKubeconfig({
        env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
        homeDir: dir,
        serviceAccountDir: dir,
      }),
    ).toBeUndefined();
  });
});
