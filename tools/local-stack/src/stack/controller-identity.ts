import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { KubeClients } from '@kubeless-ts/k8s';
import { writeKubeconfig } from '@kubeless-ts/testenv';

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
}

interface RulesFile {
  rules?: PolicyRule[];
  'leader-election-rules'?: PolicyRule[];
}

export interface IdentityOptions {
  readonly clients: KubeClients;
  /** Also the ServiceAccount, ClusterRole and Role name. */
  readonly name: string;
  readonly namespace: string;
  readonly rulesFile: string;
  readonly server: string;
  readonly caFile: string;
  readonly dir: string;
}

/**
 * Gives a component its own least-privilege identity, exactly as the Helm
 * chart does: a ServiceAccount bound to the rules its app declares, and a
 * kubeconfig holding a token issued for that ServiceAccount.
 */
export async function provisionIdentity(options: IdentityOptions): Promise<string> {
  const { clients, name, namespace } = options;
  const file = yaml.load(readFileSync(options.rulesFile, 'utf8')) as RulesFile;
  const apply = { force: true } as const;
  await clients.serviceAccounts.apply(
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
    apply,
  );
  await clients.clusterRoles.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `kubeless:${name}` },
      rules: file.rules ?? [],
    },
    apply,
  );
  await clients.clusterRoleBindings.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `kubeless:${name}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `kubeless:${name}` },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
    apply,
  );
  if (file['leader-election-rules']?.length) {
    await clients.roles.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: `${name}-leader-election`, namespace },
        rules: file['leader-election-rules'],
      },
      apply,
    );
    await clients.roleBindings.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `${name}-leader-election`, namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-leader-election` },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
      apply,
    );
  }
  const token = await clients.requestToken({ namespace, serviceAccount: name, expirationSeconds: 24 * 3600 });
  return writeKubeconfig({
    path: join(options.dir, `${name}.kubeconfig`),
    server: options.server,
    caFile: options.caFile,
    user: { token: token.token },
    namespace,
  });
}
