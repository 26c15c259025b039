// Test helpers against the shared real apiserver, from @kubeless-ts/controller-testing:
// CRDs, namespaces, and clients whose ServiceAccount token is bound to exactly an app's rbac/rules.yaml.
import { adminClients as admin } from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';

export {
  clientsBoundTo,
  createNamespace,
  deleteClusterScoped,
  deleteNamespace,
  eventuallyValue as eventually,
  installKubelessCrds,
} from '@kubeless-ts/controller-testing';

export function adminClients(fieldManager = 'kafka-trigger-test'): Promise<KubeClients> {
  return admin(fieldManager);
}
