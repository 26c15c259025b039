import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ErrorCodes } from '@kubeless-ts/errors';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { createKubeClients } from './kube-clients.js';
import type { KubeClients } from './kube-clients.js';
import { eventually } from '@kubeless-ts/test-support';
import { adminClients, createNamespace, deleteNamespace, installKubelessCrds } from '../test/int-environment.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('credentials, RBAC and reachability against the real API server', () => {
  let admin: KubeClients;
  let namespace: string;
  let dir: string;

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    namespace = await createNamespace(admin, 'k8s-access');
    dir = mkdtempSync(join(tmpdir(), 'k8s-access-'));
  });
  afterAll(async () => {
    await deleteNamespace(admin, namespace);
    rmSync(dir, { recursive: true, force: true });
  });

  it('acts as a ServiceAccount through a TokenRequest token file and maps a missing permission to FORBIDDEN', async () => {
    await admin.serviceAccounts.apply({ metadata: { name: 'nobody', namespace } });
    const { token, expirationTimestamp } = await admin.requestToken({
      namespace,
      serviceAccount: 'nobody',
      expirationSeconds: 600,
    });
    expect(token.split('.')).toHaveLength(3);
    expect(Date.parse(expirationTimestamp)).toBeGreaterThan(Date.now());
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${token}\n`);

    // The same override controllers get through KUBELESS_TOKEN_FILE_PATH.
    const nobody = await createKubeClients({
      kubeconfig: sharedEnvironment().kubeconfigPath,
      fieldManager: 'nobody',
      env: { KUBELESS_TOKEN_FILE_PATH: tokenFile },
    });
    expect((await nobody.whoAmI()).username).toBe(`system:serviceaccount:${namespace}:nobody`);

    const error = await nobody.functions.list({ namespace }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.FORBIDDEN.code, terminal: true });
    expect((error as Error).message).toContain('cannot list resource "functions"');
    expect((error as { hint: string }).hint).toContain(`kubectl auth can-i list functions.kubeless.io -n ${namespace}`);

    await admin.roles.apply({
      metadata: { name: 'fn-reader', namespace },
      rules: [{ apiGroups: ['kubeless.io'], resources: ['functions'], verbs: ['get', 'list', 'watch'] }],
    });
    await admin.roleBindings.apply({
      metadata: { name: 'nobody-reads', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'fn-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'nobody', namespace }],
    });
    // The RBAC authorizer reads bindings from its informer cache, so the grant lands a moment later.
    await expect(eventually(() => nobody.functions.list({ namespace }))).resolves.toMatchObject({ items: [] });
  });

  it('maps a bad token to UNAUTHORIZED', async () => {
    const tokenFile = join(dir, 'bad-token');
    writeFileSync(tokenFile, 'not-a-token');
    const stranger = await createKubeClients({
      kubeconfig: sharedEnvironment().kubeconfigPath,
      fieldManager: 'x',
      tokenFile,
      env: {},
    });
    await expect(stranger.functions.list({ namespace })).rejects.toMatchObject({ code: ErrorCodes.UNAUTHORIZED.code });
  });

  it('maps a closed port to UNREACHABLE', async () => {
    const port = await closedPort();
    const file = join(dir, 'closed.kubeconfig');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\n`,
    );
    const clients = await createKubeClients({ kubeconfig: file, fieldManager: 'x', env: {} });
    await expect(clients.serverVersion()).rejects.toMatchObject({
      code: ErrorCodes.UNREACHABLE.code,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('maps an untrusted server certificate to UNREACHABLE with a CA hint', async () => {
    const admin = load(readFileSync(sharedEnvironment().kubeconfigPath, 'utf8')) as {
      clusters: { cluster: Record<string, unknown> }[];
    };
    for (const entry of admin.clusters) {
      delete entry.cluster['certificate-authority'];
      delete entry.cluster['certificate-authority-data'];
    }
    const file = join(dir, 'no-ca.kubeconfig');
    writeFileSync(file, JSON.stringify(admin));
    const clients = await createKubeClients({ kubeconfig: file, fieldManager: 'x', env: {} });
    await expect(clients.serverVersion()).rejects.toMatchObject({
      code: ErrorCodes.UNREACHABLE.code,
      message: expect.stringContaining('TLS'),
      hint: expect.stringContaining('certificate-authority'),
    });
  });

  it('maps a request deadline to TIMEOUT', async () => {
    const clients = await createKubeClients({
      kubeconfig: sharedEnvironment().kubeconfigPath,
      fieldManager: 'x',
      env: {},
      requestTimeoutMs: 1,
    });
    await expect(clients.functions.list({ namespace })).rejects.toMatchObject({ code: ErrorCodes.TIMEOUT.code });
  });
});
