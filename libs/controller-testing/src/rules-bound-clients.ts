import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { eventually, required } from '@kubeless-ts/test-support';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { rbacRules } from './controller-test-cluster.js';

const rbac = 'rbac.authorization.k8s.io';

/**
 * Clients authenticated as a ServiceAccount `controller` in `namespace` that holds
 * only the ClusterRole `rules` and the Lease `leader-election-rules` of `rulesFile`
 * (an app's rbac/rules.yaml). The token file lets a child process use the same
 * identity. The ClusterRole is named after namespace and field manager, so
 * `deleteClusterScoped` can remove it.
 */
export async function clientsBoundTo(
  admin: KubeClients,
  options: { rulesFile: string; namespace: string; fieldManager: string },
): Promise<{ clients: KubeClients; tokenFile: string }> {
  const doc = rbacRules(dirname(dirname(options.rulesFile)));
  const { namespace } = options;
  const sa = 'controller';
  const clusterRole = `${namespace}-${options.fieldManager}`;
  await admin.serviceAccounts.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace } });
  await admin.clusterRoles.create({
    apiVersion: `${rbac}/v1`,
    kind: 'ClusterRole',
    metadata: { name: clusterRole },
    rules: doc.rules,
  });
  const subjects = [{ kind: 'ServiceAccount', name: sa, namespace }];
  await admin.clusterRoleBindings.create({
    apiVersion: `${rbac}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: clusterRole },
    roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: clusterRole },
    subjects,
  });
  await admin.roles.create({
    apiVersion: `${rbac}/v1`,
    kind: 'Role',
    metadata: { name: 'leader-election', namespace },
    rules: doc['leader-election-rules'],
  });
  await admin.roleBindings.create({
    apiVersion: `${rbac}/v1`,
    kind: 'RoleBinding',
    metadata: { name: 'leader-election', namespace },
    roleRef: { apiGroup: rbac, kind: 'Role', name: 'leader-election' },
    subjects,
  });
  const { token } = await admin.requestToken({ namespace, serviceAccount: sa, expirationSeconds: 3600 });
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'kbl-token-')), 'token');
  writeFileSync(tokenFile, token);
  const clients = await createKubeClients({
    kubeconfig: sharedEnvironment().kubeconfigPath,
    tokenFile,
    fieldManager: options.fieldManager,
  });
  return { clients, tokenFile };
}

export async function deleteClusterScoped(admin: KubeClients, namespace: string, fieldManager: string): Promise<void> {
  const name = `${namespace}-${fieldManager}`;
  await admin.clusterRoleBindings.delete(name, { ignoreNotFound: true });
  await admin.clusterRoles.delete(name, { ignoreNotFound: true });
}

export async function deleteNamespace(admin: KubeClients, name: string): Promise<void> {
  await admin.namespaces.delete(name, { ignoreNotFound: true });
}

/** A value probe on the shared `eventually`: retries until `probe` gives a value. */
export async function eventuallyValue<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  return eventually(async () => required(await probe(), what), timeoutMs);
}
