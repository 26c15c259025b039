// Test helpers against the shared real apiserver: CRDs, namespaces, and clients
// whose ServiceAccount token is bound to exactly the app's rbac/rules.yaml.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { KUBELESS_KINDS, crdManifest } from '@kubeless-ts/api';
import { createKubeClients, type CustomResourceDefinition, type KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

export async function adminClients(fieldManager = 'kafka-consumer-test'): Promise<KubeClients> {
  return createKubeClients({ kubeconfig: sharedEnvironment().kubeconfigPath, fieldManager });
}

export async function installKubelessCrds(admin: KubeClients): Promise<void> {
  await admin.installCrds(KUBELESS_KINDS.map((kind) => crdManifest(kind) as unknown as CustomResourceDefinition));
}

export async function createNamespace(admin: KubeClients, prefix: string): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 6)}`;
  await admin.namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

export async function deleteNamespace(admin: KubeClients, name: string): Promise<void> {
  await admin.namespaces.delete(name, { ignoreNotFound: true });
}

/**
 * Clients authenticated as a fresh ServiceAccount in `namespace` that holds only
 * the ClusterRole `rules` and the Lease `leader-election-rules` of `rulesFile`.
 * Returns the token file too, so a child process can use the same identity.
 */
export async function clientsBoundTo(admin: KubeClients, options: { rulesFile: string; namespace: string; fieldManager: string }): Promise<{ clients: KubeClients; tokenFile: string }> {
  const doc = load(readFileSync(options.rulesFile, 'utf8')) as { rules: Rule[]; 'leader-election-rules': Rule[] };
  const { namespace } = options;
  const sa = 'controller';
  const clusterRole = `${namespace}-${options.fieldManager}`;
  await admin.serviceAccounts.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace } });
  await admin.clusterRoles.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: clusterRole }, rules: doc.rules });
  const subjects = [{ kind: 'ServiceAccount', name: sa, namespace }];
  await admin.clusterRoleBindings.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: clusterRole }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole }, subjects });
  await admin.roles.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'leader-election', namespace }, rules: doc['leader-election-rules'] });
  await admin.roleBindings.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'leader-election', namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'leader-election' }, subjects });
  const { token } = await admin.requestToken({ namespace, serviceAccount: sa, expirationSeconds: 3600 });
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'kbl-token-')), 'token');
  writeFileSync(tokenFile, token);
  const clients = await createKubeClients({ kubeconfig: sharedEnvironment().kubeconfigPath, tokenFile, fieldManager: options.fieldManager });
  return { clients, tokenFile };
}

export async function deleteClusterScoped(admin: KubeClients, namespace: string, fieldManager: string): Promise<void> {
  const name = `${namespace}-${fieldManager}`;
  await admin.clusterRoleBindings.delete(name, { ignoreNotFound: true });
  await admin.clusterRoles.delete(name, { ignoreNotFound: true });
}

/** Polls until `probe` returns a value (not undefined), or fails naming `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
