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
export { bundleApp } from './app-bundle.js';
export { controllerProcesses, startControllerProcess } from './controller-process.js';
export type { ControllerProcess, ControllerProcessOptions } from './controller-process.js';
export { controllerApp } from './controller-app.js';
export type { ControllerApp, ControllerAppSource } from './controller-app.js';
export { useControllerCluster } from './controller-cluster.js';
export type { ControllerCluster, ControllerClusterOptions } from './controller-cluster.js';
export { startControllerInProcess, useControllerPerTest } from './in-process-controller.js';
export type { InProcessControllerOptions, RunningTestController } from './in-process-controller.js';
export { fixedCache, reconcileContext } from '@kubeless-ts/controller-kit/testing';
export { replaceEventually } from './replace-eventually.js';
export type { ReplacingClient } from './replace-eventually.js';
export { itReadsTheCommonControllerSettings } from './common-settings-cases.js';
export type { SettingsParser } from './common-settings-cases.js';
export {
  runConvergenceBench,
  inParallel,
  benchRow,
  applyCreateOnlyByHand,
  applyReadyByHand,
  sameWritesByHand,
} from './convergence-bench.js';
export type { ConvergenceBenchSubject, ExtraBaseline, BenchContext, BenchTrigger } from './convergence-bench.js';
export { median, timedWithCpu } from './bench-measures.js';
export type { Timed } from './bench-measures.js';
export { RecordingEffects } from './recording-effects.js';
export { expectOwnershipConflict, expectChildRemovedWithFunction } from './owned-child-assertions.js';
export type { OwnerRef, TriggerProbes } from './owned-child-assertions.js';
export { useStaleCacheFixture } from './stale-cache-fixture.js';
export type { StaleCacheFixture } from './stale-cache-fixture.js';
export { reportPodsReady } from './kubelet-stand-in.js';
