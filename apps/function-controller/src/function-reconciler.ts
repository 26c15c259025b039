import { API_GROUP_VERSION } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { ConfigMap, Deployment, EventRecorder, HorizontalPodAutoscaler, Job, Pod, Service } from '@kubeless-ts/k8s';
import { EventTypes } from '@kubeless-ts/k8s';
import { keyOf } from '@kubeless-ts/controller-kit';
import type { ConfigSource } from './config-source.js';
import { decideBuild, type BuildDecision, type BuildVerdict } from './build-decision.js';
import { executeBuild, type BuildClients } from './build-execute.js';
import { desired, type DesiredBuild } from './desired-children.js';
import { execute, type ChildClients } from './execute.js';
import { nextStatus, READY, statusChanged } from './function-status.js';
import type { RuntimeImageOverrides } from './function-runtime.js';
import { ChildKinds, finalizerActions, plan, type AnyChild, type ChildKind, type ObservedChildren } from './plan.js';
import { projectDeployment, projectFunction, projectMetadata } from './cache-projection.js';
import { RECENT_WRITE_TTL_MS, RecentWrites } from './recent-writes.js';
import { PodFailureReasons, ReadyReasons, RolloutFailureReasons, type SpecProblem } from './ready-reasons.js';
import { podsOfRevision } from './pod-problems.js';
import { Annotations } from './child-metadata.js';

interface Cache<T> {
  get(key: string): Readonly<T> | undefined;
}

/** The function's pods, looked up by the Function key (the `function` label). */
export interface PodCache {
  forFunction(key: string): readonly Readonly<Pod>[];
}

export interface FunctionCaches {
  readonly functions: Cache<KubelessFunction>;
  readonly configMaps: Cache<ConfigMap>;
  readonly services: Cache<Service>;
  readonly deployments: Cache<Deployment>;
  readonly horizontalPodAutoscalers: Cache<HorizontalPodAutoscaler>;
  readonly pods: PodCache;
  /** Build Jobs (created-by=kubeless with a build-hash label), keyed namespace/name. */
  readonly jobs: Cache<Job>;
}

/** What this controller wrote recently, per kind, keyed like the caches (see recent-writes.ts). */
export interface RecentChildren {
  readonly functions: RecentWrites<KubelessFunction>;
  readonly configMaps: RecentWrites<ConfigMap>;
  readonly services: RecentWrites<Service>;
  readonly deployments: RecentWrites<Deployment>;
  readonly horizontalPodAutoscalers: RecentWrites<HorizontalPodAutoscaler>;
}

export function recentChildren(): RecentChildren {
  return { functions: new RecentWrites(), configMaps: new RecentWrites(), services: new RecentWrites(), deployments: new RecentWrites(), horizontalPodAutoscalers: new RecentWrites() };
}

const RECENT_BY_KIND: Readonly<Record<ChildKind, Exclude<keyof RecentChildren, 'functions'>>> = {
  [ChildKinds.CONFIG_MAP]: 'configMaps',
  [ChildKinds.SERVICE]: 'services',
  [ChildKinds.DEPLOYMENT]: 'deployments',
  [ChildKinds.HPA]: 'horizontalPodAutoscalers',
};

function projectChild(kind: ChildKind, object: AnyChild): AnyChild {
  return kind === ChildKinds.DEPLOYMENT ? projectDeployment(object as Deployment) : projectMetadata(object as ConfigMap);
}

export interface FunctionReconcilerOptions {
  readonly caches: FunctionCaches;
  readonly recent?: RecentChildren;
  readonly clients: ChildClients & BuildClients;
  readonly config: ConfigSource;
  readonly events: EventRecorder;
  readonly runtimeImageOverrides?: RuntimeImageOverrides;
  readonly now?: () => Date;
}

/** A foreign object may go away without any event we watch; look again now and then instead of never. */
export const CONFLICT_RECHECK_MS = 30_000;

/** The status message limit of the CRD is generous, but a list of every issue of a huge spec is not useful past this. */
const MAX_MESSAGE = 4000;

const TERMINAL_CODES: Readonly<Record<string, string>> = {
  [ReadyReasons.UNSUPPORTED_RUNTIME]: ErrorCodes.UNSUPPORTED_RUNTIME.code,
  [ReadyReasons.INVALID_CONFIG]: ErrorCodes.VALIDATION.code,
  [ReadyReasons.BUILD_FAILED]: ErrorCodes.BUILD_FAILED.code,
  [ReadyReasons.PRIVILEGE_NOT_ALLOWED]: ErrorCodes.PRIVILEGE_NOT_ALLOWED.code,
};

function terminal(fn: Readonly<KubelessFunction>, problem: SpecProblem): KubelessError {
  return new KubelessError({
    code: TERMINAL_CODES[problem.reason] ?? ErrorCodes.VALIDATION.code,
    message: `Function ${fn.metadata.namespace ?? ''}/${fn.metadata.name ?? ''}: ${problem.reason}: ${problem.message}`,
    hint: 'Fix the Function (or kubeless-config) as the Ready condition says; the controller retries on the next change.',
    terminal: true,
    details: { reason: problem.reason },
  });
}

/** What writeStatus reports: a spec problem, or what the Deployment and the current pods say. */
interface StatusOutcome {
  readonly problem?: SpecProblem;
  readonly deployment?: Readonly<Deployment>;
  readonly pods?: readonly Readonly<Pod>[];
  readonly notice?: string;
  readonly build?: BuildVerdict;
}

/** Reasons worth a Warning Event when the Ready condition turns to them; progress (Deploying, MinimumReplicasUnavailable) is not. */
const WARNED_REASONS: ReadonlySet<string> = new Set<string>([
  ...Object.values(ReadyReasons).filter((reason) => reason !== ReadyReasons.READY && reason !== ReadyReasons.DEPLOYING && reason !== ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE),
  ...Object.values(PodFailureReasons),
  ...Object.values(RolloutFailureReasons),
]);

/** Level-triggered: reads the Function and its children from the caches, applies what differs, and writes status. */
export class FunctionReconciler implements Reconciler {
  private readonly now: () => Date;
  private readonly recent: RecentChildren;

  constructor(private readonly options: FunctionReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
    this.recent = options.recent ?? recentChildren();
  }

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    const { object: fn } = this.recent.functions.fresher(key, this.options.caches.functions.get(key));
    if (fn === undefined) return;
    const configState = this.options.config.current();
    const state = configState.ok ? desired({ fn, config: configState.config, runtimeImageOverrides: this.options.runtimeImageOverrides }) : undefined;
    const problem = !configState.ok ? configState.problem : state !== undefined && !state.ok ? state.problem : undefined;
    if (problem !== undefined || state === undefined || !state.ok) {
      await execute(finalizerActions(fn), { fn, clients: this.options.clients, signal: context.signal });
      if (fn.metadata.deletionTimestamp !== undefined) return;
      await this.writeStatus(fn, context, { problem });
      throw terminal(fn, problem ?? { reason: ReadyReasons.INVALID_SPEC, message: 'no desired state' });
    }
    const observed = this.observe(key);
    const decision = fn.metadata.deletionTimestamp === undefined && state.build !== undefined ? this.decideBuild(fn, state.build) : undefined;
    const holdDeployment = decision !== undefined && decision.phase !== 'built';
    const result = await execute(plan(fn, state.children, observed.children, { holdDeployment }), { fn, clients: this.options.clients, signal: context.signal });
    for (const { kind, object } of result.applied) this.recent[RECENT_BY_KIND[kind]].remember(key, projectChild(kind, object) as never);
    for (const kind of result.deleted) this.recent[RECENT_BY_KIND[kind]].forget(key);
    if (fn.metadata.deletionTimestamp !== undefined) return;
    if (result.problem?.reason === ReadyReasons.CHILD_CONFLICT) {
      await this.writeStatus(fn, context, { problem: result.problem });
      return { requeueAfterMs: CONFLICT_RECHECK_MS };
    }
    if (result.problem !== undefined) {
      await this.writeStatus(fn, context, { problem: result.problem });
      throw terminal(fn, result.problem);
    }
    // After the children: the build Job mounts the ConfigMap applied above.
    const build = decision === undefined || state.build === undefined ? undefined : await executeBuild(decision, { namespace: fn.metadata.namespace ?? '', build: state.build.build, clients: this.options.clients, signal: context.signal });
    if (build?.phase === 'failed') {
      const failure = { reason: ReadyReasons.BUILD_FAILED, message: build.verdict.message };
      await this.writeStatus(fn, context, { problem: failure, build: build.verdict });
      throw terminal(fn, failure);
    }
    const deployment = this.recent.deployments.fresher(key, this.options.caches.deployments.get(key)).object;
    const pods = podsOfRevision(this.options.caches.pods.forFunction(key), state.children.deployment.spec?.template.metadata?.annotations?.[Annotations.ROLLOUT_HASH]);
    await this.writeStatus(fn, context, { deployment, pods, notice: state.notice, build: build?.verdict });
    // A record stood in for a cache entry: look again once records expired, in case a deletion raced it.
    if (observed.usedRecord) return { requeueAfterMs: RECENT_WRITE_TTL_MS + 1000 };
  }

  private decideBuild(fn: Readonly<KubelessFunction>, desiredBuild: DesiredBuild): BuildDecision {
    const job = this.options.caches.jobs.get(keyOf({ namespace: fn.metadata.namespace ?? '', name: desiredBuild.build.jobName }));
    return decideBuild(fn, desiredBuild.build, job, desiredBuild.job);
  }

  private observe(key: string): { children: ObservedChildren; usedRecord: boolean } {
    const { caches } = this.options;
    const configMap = this.recent.configMaps.fresher(key, caches.configMaps.get(key));
    const service = this.recent.services.fresher(key, caches.services.get(key));
    const deployment = this.recent.deployments.fresher(key, caches.deployments.get(key));
    const hpa = this.recent.horizontalPodAutoscalers.fresher(key, caches.horizontalPodAutoscalers.get(key));
    return {
      children: { configMap: configMap.object, service: service.object, deployment: deployment.object, horizontalPodAutoscaler: hpa.object },
      usedRecord: [configMap, service, deployment, hpa].some((entry) => entry.usedRecord && entry.object !== undefined),
    };
  }

  private async writeStatus(fn: Readonly<KubelessFunction>, context: ReconcileContext, outcome: StatusOutcome): Promise<void> {
    const problem = outcome.problem && { ...outcome.problem, message: outcome.problem.message.slice(0, MAX_MESSAGE) };
    const status = nextStatus({ fn, problem, deployment: outcome.deployment, pods: outcome.pods, notice: outcome.notice, build: outcome.build, now: this.now() });
    if (!statusChanged(fn, status)) return;
    const written = await this.options.clients.functions.patchStatus(fn.metadata.name ?? '', { type: 'merge', patch: { status } }, { namespace: fn.metadata.namespace, signal: context.signal });
    this.recent.functions.remember(context.key, projectFunction(written));
    const before = fn.status?.conditions?.find((condition) => condition.type === READY)?.reason;
    const after = status.conditions?.find((condition) => condition.type === READY);
    if (after?.status === 'False' && after.reason !== before && WARNED_REASONS.has(after.reason ?? '')) await this.warn(fn, { reason: after.reason ?? '', message: after.message ?? '' }, context);
  }

  /** One Warning Event per transition into a problem, so `kubectl describe function` shows it; failing to record it is not worth a retry. */
  private async warn(fn: Readonly<KubelessFunction>, problem: { readonly reason: string; readonly message: string }, context: ReconcileContext): Promise<void> {
    const involved = { apiVersion: API_GROUP_VERSION, kind: 'Function', name: fn.metadata.name ?? '', namespace: fn.metadata.namespace, uid: fn.metadata.uid };
    try {
      await this.options.events.record(involved, { type: EventTypes.WARNING, reason: problem.reason, action: 'Reconcile', note: problem.message }, context.signal);
    } catch (error) {
      context.logger.warn({ err: error }, 'could not record the Warning event');
    }
  }
}
