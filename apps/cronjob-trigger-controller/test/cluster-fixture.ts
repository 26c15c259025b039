/** Integration-test support for this app: the shared controller test cluster, bound to this app's rbac/rules.yaml. */
import { join } from 'node:path';
import {
  bindServiceAccount as bindToRules,
  rbacRules as rulesOf,
  type BoundServiceAccount,
} from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';

export {
  adminClients,
  createNamespace,
  eventually,
  installKubelessCrds,
  uniqueName,
} from '@kubeless-ts/controller-testing';
export type { BoundServiceAccount } from '@kubeless-ts/controller-testing';

const appRoot = join(import.meta.dirname, '..');

export const rbacRules = () => rulesOf(appRoot);

export function bindServiceAccount(admin: KubeClients, namespace: string): Promise<BoundServiceAccount> {
  return bindToRules(admin, namespace, appRoot);
}
