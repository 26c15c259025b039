/**
 * Integration-test support for controller apps: admin clients on the shared
 * test environment, the kubeless CRDs, a namespace per spec, and a
 * ServiceAccount bound to exactly the app's rbac/rules.yaml (so every
 * controller test also proves those rules suffice).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { createKubeClients, type ClusterRole, type CustomResourceDefinition, type KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment, workspaceRoot } from '@kubeless-ts/testenv';

type PolicyRule = NonNullable<ClusterRole['rules']>[number];

export interface RulesFile {
  readonly rules: PolicyRule[];
  readonly 'leader-election-rules': PolicyRule[];
}

export interface BoundServiceAccount {
  /** A token file for KUBELESS_TOKEN_FILE_PATH / createKubeClients({ tokenFile }). */
  readonly tokenFile: string;
  clients(fieldManager: string): Promise<KubeClients>;
  remove(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function adminClients(fieldManager: string): Promise<KubeClients> {
  // env: {} keeps a developer's own KUBECONFIG / KUBELESS_TOKEN_FILE_PATH out of the test.
  return createKubeClients({ kubeconfig: sharedEnvironment().kubeconfigPath, fieldManager, env: {} });
}

export async function installKubelessCrds(clients: KubeClients): Promise<void> {
  const dir = join(workspaceRoot, 'deploy', 'crds');
  const crds = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => load(readFileSync(join(dir, file), 'utf8')) as CustomResourceDefinition);
  await clients.installCrds(crds, { timeoutMs: 60_000 });
}

export async function createNamespace(clients: KubeClients, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await clients.namespaces.create({ metadata: { name } });
  return name;
}

/** The app's `rbac/rules.yaml`, the one source the Helm chart and the local stack use too. */
export function rbacRules(appRoot: string): RulesFile {
  return load(readFileSync(join(appRoot, 'rbac', 'rules.yaml'), 'utf8')) as RulesFile;
}

/** A ServiceAccount in `namespace` with a ClusterRole of `rules` and a Role of `leader-election-rules` there, nothing else. */
export async function bindServiceAccount(
  admin: KubeClients,
  namespace: string,
  appRoot: string,
): Promise<BoundServiceAccount> {
  const name = uniqueName('controller');
  const { rules, 'leader-election-rules': leaseRules } = rbacRules(appRoot);
  const subject = [{ kind: 'ServiceAccount', name, namespace }];
  await admin.serviceAccounts.create({ metadata: { name, namespace } });
  await admin.clusterRoles.create({ metadata: { name }, rules });
  await admin.clusterRoleBindings.create({
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: subject,
  });
  await admin.roles.create({ metadata: { name, namespace }, rules: leaseRules });
  await admin.roleBindings.create({
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: subject,
  });
  const { token } = await admin.requestToken({ namespace, serviceAccount: name, expirationSeconds: 3600 });
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'kubeless-sa-')), 'token');
  writeFileSync(tokenFile, token);
  return {
    tokenFile,
    clients: (fieldManager) =>
      createKubeClients({ kubeconfig: sharedEnvironment().kubeconfigPath, tokenFile, fieldManager, env: {} }),
    remove: async () => {
      await admin.clusterRoleBindings.delete(name, { ignoreNotFound: true });
      await admin.clusterRoles.delete(name, { ignoreNotFound: true });
    },
  };
}
