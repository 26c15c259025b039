// Public entry point of controller-testing: shared integration-test support for controller apps (tests only).
export { adminClients, bindServiceAccount, createNamespace, eventually, installKubelessCrds, rbacRules, uniqueName } from './controller-test-cluster.js';
export type { BoundServiceAccount, RulesFile } from './controller-test-cluster.js';
export { clientsBoundTo, deleteClusterScoped, deleteNamespace, eventuallyValue } from './rules-bound-clients.js';
