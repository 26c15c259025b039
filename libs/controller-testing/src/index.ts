// Public entry point of controller-testing: shared integration-test support for controller apps (tests only).
export {
  adminClients,
  bindServiceAccount,
  createNamespace,
  installKubelessCrds,
  rbacRules,
  uniqueName,
} from './controller-test-cluster.js';
// Re-exported so controller specs take cluster fixtures and the one retry helper from one place.
export { eventually, required } from '@kubeless-ts/test-support';
export type { BoundServiceAccount, RulesFile } from './controller-test-cluster.js';
export { clientsBoundTo, deleteClusterScoped, deleteNamespace, eventuallyValue } from './rules-bound-clients.js';
export { controllerProcesses, startControllerProcess } from './controller-process.js';
export type { ControllerProcess, ControllerProcessOptions } from './controller-process.js';
