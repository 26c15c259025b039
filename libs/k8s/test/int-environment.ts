/** Clients for the shared real API server, and a fresh namespace per test file. */
import { randomBytes } from 'node:crypto';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { createKubeClients } from '../src/kube-clients.js';
import type { KubeClients } from '../src/kube-clients.js';
import { kubelessCrds } from './kubeless-crds.js';

export async function adminClients(fieldManager = 'k8s-int-test'): Promise<KubeClients> {
  // env: {} keeps the developer's own KUBECONFIG / KUBELESS_TOKEN_FILE_PATH out of the test.
  return createKubeClients({ kubeconfig: sharedEnvironment().kubeconfigPath, fieldManager, env: {} });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function createNamespace(clients: KubeClients, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await clients.namespaces.create({ metadata: { name, labels: { 'kubeless-ts/test': 'k8s' } } });
  return name;
}

export async function deleteNamespace(clients: KubeClients, name: string): Promise<void> {
  await clients.namespaces.delete(name, { ignoreNotFound: true });
}

export async function installKubelessCrds(clients: KubeClients): Promise<void> {
  await clients.installCrds(kubelessCrds(), { timeoutMs: 60_000 });
}
