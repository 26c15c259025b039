// Public entry point of controller-kit.
export type { KubeObject, ListResult, WatchEventType, ListWatch, LeaseRecord, LeaseStore } from './ports.js';
export { errorCode, isGone, isConflict } from './error-code.js';
export { realClock, sleep } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { FakeClock } from './fake-clock.js';
export {
  ItemExponentialRateLimiter,
  TokenBucketRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
} from './rate-limiter.js';
export type { RateLimiter, ExponentialBackoffOptions, TokenBucketOptions } from './rate-limiter.js';
export { WorkQueue } from './work-queue.js';
export type { WorkQueueOptions, QueueMetricsHooks } from './work-queue.js';
export { objectKey, keyOf, splitKey } from './object-key.js';
export type { ObjectName } from './object-key.js';
export { controllerOf, ownerKeys } from './owner-key.js';
export type { KeyMapper, OwnerKind } from './owner-key.js';
export { ownershipOf, Ownerships } from './child-ownership.js';
export type { Ownership, OwnerIdentity, OwnershipRules } from './child-ownership.js';
export { applyOptions, applyOwnedChild } from './owned-apply.js';
export type { ApplyWriteOptions, ChildWriter, OwnedApplyResult } from './owned-apply.js';
export { specOrMetadataChanged } from './predicates.js';
export type { UpdatePredicate } from './predicates.js';
export { Indexer, NAMESPACE_INDEX } from './indexer.js';
export type { IndexFunc } from './indexer.js';
export { ownerIndex, labelIndex } from './index-funcs.js';
export { jitteredBackoff } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { Informer } from './informer.js';
export type { EventHandler, InformerOptions } from './informer.js';
export { InMemoryListWatch } from './in-memory-list-watch.js';
export { createLogger, silentLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { createControllerMetrics, ReconcileOutcomes } from './controller-metrics.js';
export type {
  ControllerMetrics,
  ControllerMetricsOptions,
  ReconcileMetricsHooks,
  ReconcileOutcome,
} from './controller-metrics.js';
export type { Reconciler, ReconcileContext, ReconcileResult } from './reconciler.js';
export { ReconcileRunner } from './reconcile-runner.js';
export type { ReconcileRunnerOptions } from './reconcile-runner.js';
export { LeaderElector, LeadershipStates } from './leader-elector.js';
export type {
  LeaderElectorOptions,
  LeaderElectionCallbacks,
  LeadershipState,
  LeadershipEnd,
} from './leader-elector.js';
export { InMemoryLeaseStore } from './in-memory-lease-store.js';
export { enqueueHandler } from './enqueue-handler.js';
export type { EnqueueOptions } from './enqueue-handler.js';
export { createHealthServer } from './health-server.js';
export type { HealthServerOptions, ReadinessReport, CheckValue } from './health-server.js';
export { runController } from './run-controller.js';
export type {
  RunControllerOptions,
  RunningController,
  ControllerInformer,
  WatchSource,
  LeaderElectionSettings,
  ControllerExit,
} from './run-controller.js';
export { parseControllerSettings, controllerUsage, wholeNumberSetting, HelpRequested } from './controller-settings.js';
export type {
  ControllerSettings,
  ControllerSettingsSpec,
  ParsedControllerSettings,
  OptionalFlag,
} from './controller-settings.js';
export { controllerMain, serveController, controllerIdentity, ProcessExitCodes } from './controller-main.js';
export type { ServableController } from './controller-main.js';
export { compareResourceVersions, isComparableResourceVersion } from './resource-version.js';
export { RecentWrites, RECENT_WRITE_TTL_MS } from './recent-writes.js';
export type { ResourceVersionOrder } from './resource-version.js';
export {
  planOwnedChild,
  mapInSync,
  notReady,
  ownershipConflictMessage,
  OwnedChildReasons,
  GC_RECHECK_MS,
} from './owned-child-plan.js';
export type {
  ChildOwner,
  DesiredChild,
  ChildAction,
  ChildPlan,
  ObservedChild,
  OwnedChildRules,
} from './owned-child-plan.js';
export { OwnedChildReconciler, readyStatus } from './owned-child-reconciler.js';
export type {
  KeyedCache,
  StatusOwner,
  OwnedChildEffects,
  OwnedChildReconcilerOptions,
} from './owned-child-reconciler.js';
export { ownedChildEffects } from './owned-child-effects.js';
export type {
  ApiOwner,
  ChildClient,
  OwnerStatusClient,
  OwnerStatusPatch,
  OwnerEvents,
  OwnedChildEffectsOptions,
} from './owned-child-effects.js';
export { startTriggerController, TRIGGERS_BY_FUNCTION_INDEX } from './trigger-controller.js';
export type {
  FunctionTrigger,
  TriggerLeaderElection,
  TriggerControllerOptions,
  TriggerControllerClients,
  TriggerControllerSpec,
  TriggerWiring,
  ChildWatchOptions,
  WatchScope,
} from './trigger-controller.js';
export { triggerControllerMain } from './trigger-controller-main.js';
export type { TriggerControllerDefinition, KubeConnection, KubelessConfigScope } from './trigger-controller-main.js';
