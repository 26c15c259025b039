import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { writeKubeconfig } from '../kubeconfig-file.js';

/** One field manager for everything the test environment applies, so re-applying is idempotent. */
export const TESTENV_FIELD_MANAGER = 'kubeless-ts-testenv';

/** Where the node add-ons' ServiceAccounts live, as in a kubeadm cluster. */
export const ADDON_NAMESPACE = 'kube-system';

/** A year: the add-ons read their token once at start-up and never refresh it. */
const TOKEN_TTL_SECONDS = 365 * 24 * 3600;

export function loadAdminConfig(kubeconfigPath: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  if (!kc.getCurrentCluster()) throw new Error(`kubeconfig ${kubeconfigPath} names no current cluster`);
  return kc;
}

/** Server-side apply of each object, creating or updating it. */
export async function applyObjects(kc: k8s.KubeConfig, objects: readonly k8s.KubernetesObject[]): Promise<void> {
  const api = k8s.KubernetesObjectApi.makeApiClient(kc);
  for (const object of objects) {
    try {
      await api.patch(object, undefined, undefined, TESTENV_FIELD_MANAGER, true, k8s.PatchStrategy.ServerSideApply);
    } catch (error) {
      const what = `${object.kind ?? '?'} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? '?'}`;
      throw new Error(`could not apply ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** A ServiceAccount in kube-system bound to a ClusterRole of exactly `rules`, as the add-on's own chart would ship. */
export function addonAccessObjects(name: string, rules: readonly k8s.V1PolicyRule[]): k8s.KubernetesObject[] {
  const roleName = `kubeless-ts:${name}`;
  const serviceAccount: k8s.V1ServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: ADDON_NAMESPACE },
  };
  const role: k8s.V1ClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: roleName },
    rules: [...rules],
  };
  const binding: k8s.V1ClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: roleName },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects: [{ kind: 'ServiceAccount', name, namespace: ADDON_NAMESPACE }],
  };
  return [serviceAccount, role, binding];
}

export interface AddonAccess {
  readonly server: string;
  readonly caFile: string;
  /** The bearer token alone (Traefik's `token` option takes a file path). */
  readonly tokenFile: string;
  /** The same token as a kubeconfig (CoreDNS's `kubeconfig` option). */
  readonly kubeconfigFile: string;
}

export interface AddonAccessOptions {
  readonly admin: k8s.KubeConfig;
  /** ServiceAccount name; the ClusterRole and binding are `kubeless-ts:<name>`. */
  readonly name: string;
  readonly rules: readonly k8s.V1PolicyRule[];
  /** Folder for the token, CA and kubeconfig files. */
  readonly dir: string;
  /** The apiserver URL the add-on uses; the admin kubeconfig's by default. */
  readonly server?: string;
}

function writeCa(cluster: k8s.Cluster, path: string): void {
  if (cluster.caData) writeFileSync(path, Buffer.from(cluster.caData, 'base64'));
  else if (cluster.caFile) copyFileSync(cluster.caFile, path);
  else
    throw new Error(
      `the admin kubeconfig's cluster ${cluster.name} has no certificate authority; the add-ons verify the apiserver`,
    );
}

/**
 * Creates the add-on's ServiceAccount and RBAC, asks the TokenRequest API for
 * a token and writes it out: the add-on then talks to the apiserver with
 * exactly the rights its in-cluster ServiceAccount would have.
 */
export async function grantAddonAccess(options: AddonAccessOptions): Promise<AddonAccess> {
  const cluster = options.admin.getCurrentCluster();
  if (!cluster) throw new Error('the admin kubeconfig names no current cluster');
  await applyObjects(options.admin, addonAccessObjects(options.name, options.rules));
  const core = options.admin.makeApiClient(k8s.CoreV1Api);
  const request = await core.createNamespacedServiceAccountToken({
    name: options.name,
    namespace: ADDON_NAMESPACE,
    body: { spec: { audiences: [], expirationSeconds: TOKEN_TTL_SECONDS } },
  });
  const token = request.status?.token;
  if (!token)
    throw new Error(`the TokenRequest API returned no token for ServiceAccount ${ADDON_NAMESPACE}/${options.name}`);
  mkdirSync(options.dir, { recursive: true });
  const caFile = join(options.dir, 'ca.crt');
  writeCa(cluster, caFile);
  const tokenFile = join(options.dir, 'token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const server = options.server ?? cluster.server;
  const kubeconfigFile = writeKubeconfig({
    path: join(options.dir, 'kubeconfig'),
    server,
    caFile,
    user: { token },
    contextName: options.name,
  });
  return { server, caFile, tokenFile, kubeconfigFile };
}
