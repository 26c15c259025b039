/** Shared setup of the controller kit's integration specs: real clients, a namespace per spec, polling assertions. */
import { randomBytes } from 'node:crypto';
import { createKubeClients, type ConfigMap, type KubeClients } from '@kubeless-ts/k8s';

export async function clientsFor(kubeconfigPath: string): Promise<KubeClients> {
  return createKubeClients({ kubeconfig: kubeconfigPath, fieldManager: 'controller-kit-int', env: {} });
}

export interface TestNamespace {
  readonly name: string;
  remove(): Promise<void>;
}

export async function createNamespace(clients: KubeClients, prefix: string): Promise<TestNamespace> {
  const name = `ck-${prefix}-${randomBytes(3).toString('hex')}`;
  await clients.namespaces.create({ metadata: { name } });
  return { name, remove: async () => void (await clients.namespaces.delete(name, { ignoreNotFound: true })) };
}

export function aConfigMap(namespace: string, name: string, data: Record<string, string> = {}): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data };
}
