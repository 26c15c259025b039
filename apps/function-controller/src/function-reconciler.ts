import type { KubelessFunction } from '@kubeless-ts/api';
import type { ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import { keyOf } from '@kubeless-ts/controller-kit';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type {
  ConfigMap,
  Deployment,
  EventRecorder,
  HorizontalPodAutoscaler,
  Job,
  Pod,
  Service,
} from '@kubeless-ts/k8s';
import { decideBuild, type BuildDecision, type BuildVerdict } from './build-decision.js';
import { executeBuild, type BuildClients } from './build-execute.js';
import { Annotations } from './child-metadata.js';
import type { ConfigSource } from './config-source.js';
import { DesiredMemo } from './desired-memo.js';
import { desired, type DesiredBuild, type DesiredState } from './desired-children.js';
import { execute, type ChildClients } from './execute.js';
import type { RuntimeImageOverrides } from './function-runtime.js';
import { StatusReporter, type StatusReport } from './function-status-report.js';
import { finalizerActions, plan, type Action, type ObservedChildren } from './plan.js';
import { podsOfRevision } from './pod-problems.js';
import { ReadyReasons, type SpecProblem } from './ready-reasons.js';
import { recentChildren, recordWrites, type RecentChildren } from './recent-children.js';
import { RECENT_WRITE_TTL_MS } from '@kubeless-ts/controller-kit';

export { recentChildren, type RecentChildren } from './recent-children.js';

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

/** A record stood in for a cache entry: look again once records expired, in case a deletion raced it. */
const RECORD_RECHECK_MS = RECENT_WRITE_TTL_MS + 1000;

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

/** How one pass ended; `reconcile` has one way out for each. */
type Outcome =
  /** Not in the cache, or being deleted (its children go with it through garbage collection): nothing to report. */
  | { readonly type: 'done' }
  /** Cannot converge until someone changes the Function or kubeless-config: recorded in status and not retried. */
  | {
      readonly type: 'refused';
      readonly fn: Readonly<KubelessFunction>;
      readonly problem: SpecProblem;
      readonly build?: BuildVerdict;
    }
  /** An object someone else owns holds a child's name: recorded in status and looked at again later. */
  | { readonly type: 'conflict'; readonly fn: Readonly<KubelessFunction>; readonly problem: SpecProblem }
  /** The children are written: the status says how far the Deployment got; `recheck` when a record stood in for the cache. */
  | {
      readonly type: 'deployed';
      readonly fn: Readonly<KubelessFunction>;
      readonly report: StatusReport;
      readonly recheck: boolean;
    };

const DONE: Outcome = { type: 'done' };

/** A child problem found while writing: a conflict is looked at again, anything else (a refused child) is terminal. */
function childProblem(fn: Readonly<KubelessFunction>, problem: SpecProblem): Outcome {
  return problem.reason === ReadyReasons.CHILD_CONFLICT
    ? { type: 'conflict', fn, problem }
    : { type: 'refused', fn, problem };
}

/** With the build step: what the Function's content needs, and what to do about its Job. */
interface BuildPlan {
  readonly desired: DesiredBuild;
  readonly decision: BuildDecision;
}

/** Level-triggered: reads the Function and its children from the caches, applies what differs, and writes status. */
export class FunctionReconciler implements Reconciler {
  private readonly recent: RecentChildren;
  private readonly status: StatusReporter;
  private readonly desiredMemo = new DesiredMemo();

  constructor(private readonly options: FunctionReconcilerOptions) {
    this.recent = options.recent ?? recentChildren();
    this.status = new StatusReporter({
      functions: options.clients.functions,
      events: options.events,
      recent: this.recent.functions,
      now: options.now ?? (() => new Date()),
    });
  }

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | undefined> {
    const outcome = await this.converge(key, context);
    switch (outcome.type) {
      case 'done':
        return undefined;
      case 'conflict':
        await this.status.report(outcome.fn, { problem: outcome.problem }, context);
        return { requeueAfterMs: CONFLICT_RECHECK_MS };
      case 'refused':
        await this.status.report(outcome.fn, { problem: outcome.problem, build: outcome.build }, context);
        throw terminal(outcome.fn, outcome.problem);
      case 'deployed':
        await this.status.report(outcome.fn, outcome.report, context);
        return outcome.recheck ? { requeueAfterMs: RECORD_RECHECK_MS } : undefined;
    }
  }

  /** The legacy finalizer comes off whatever else happens: nothing runs its cleanup any more, so it would only block deletion. */
  private async converge(key: string, context: ReconcileContext): Promise<Outcome> {
    const fn = this.recent.functions.fresher(key, this.options.caches.functions.get(key)).object;
    if (fn === undefined || fn.metadata.deletionTimestamp !== undefined) this.desiredMemo.forget(key);
    if (fn === undefined) return DONE;
    if (fn.metadata.deletionTimestamp !== undefined) {
      await this.write(fn, finalizerActions(fn), context);
      return DONE;
    }
    const state = this.desiredState(key, fn);
    if (!state.ok) {
      await this.write(fn, finalizerActions(fn), context);
      return { type: 'refused', fn, problem: state.problem };
    }
    return this.deploy(key, fn, state, context);
  }

  private desiredState(key: string, fn: Readonly<KubelessFunction>): DesiredState {
    const config = this.options.config.current();
    if (!config.ok) return config;
    return this.desiredMemo.stateOf(key, fn, config, () =>
      desired({ fn, config: config.config, runtimeImageOverrides: this.options.runtimeImageOverrides }),
    );
  }

  /** Children first (the build Job mounts the ConfigMap), then the build; the Deployment waits for the built image. */
  private async deploy(
    key: string,
    fn: Readonly<KubelessFunction>,
    state: Extract<DesiredState, { ok: true }>,
    context: ReconcileContext,
  ): Promise<Outcome> {
    const observed = this.observe(key);
    const build = state.build && this.planBuild(fn, state.build);
    const holdDeployment = build !== undefined && build.decision.phase !== 'built';
    const written = await this.write(fn, plan(fn, state.children, observed.children, { holdDeployment }), context);
    recordWrites(this.recent, key, written);
    if (written.problem !== undefined) return childProblem(fn, written.problem);
    const built = build && (await this.runBuild(fn, build, context));
    if (built?.phase === 'failed')
      return {
        type: 'refused',
        fn,
        problem: { reason: ReadyReasons.BUILD_FAILED, message: built.verdict.message },
        build: built.verdict,
      };
    const deployment = this.recent.deployments.fresher(key, this.options.caches.deployments.get(key)).object;
    const rolloutHash = state.children.deployment.spec?.template.metadata?.annotations?.[Annotations.ROLLOUT_HASH];
    const pods = podsOfRevision(this.options.caches.pods.forFunction(key), rolloutHash);
    return {
      type: 'deployed',
      fn,
      report: { deployment, pods, notice: state.notice, build: built?.verdict },
      recheck: observed.usedRecord,
    };
  }

  private write(
    fn: Readonly<KubelessFunction>,
    actions: readonly Action[],
    context: ReconcileContext,
  ): ReturnType<typeof execute> {
    return execute(actions, { fn, clients: this.options.clients, signal: context.signal });
  }

  private planBuild(fn: Readonly<KubelessFunction>, desiredBuild: DesiredBuild): BuildPlan {
    const job = this.options.caches.jobs.get(
      keyOf({ namespace: fn.metadata.namespace ?? '', name: desiredBuild.build.jobName }),
    );
    return { desired: desiredBuild, decision: decideBuild(fn, desiredBuild.build, job, desiredBuild.job) };
  }

  private runBuild(
    fn: Readonly<KubelessFunction>,
    build: BuildPlan,
    context: ReconcileContext,
  ): ReturnType<typeof executeBuild> {
    return executeBuild(build.decision, {
      namespace: fn.metadata.namespace ?? '',
      build: build.desired.build,
      clients: this.options.clients,
      signal: context.signal,
    });
  }

  /** The caches, or what this controller wrote when that is newer; `usedRecord` when a record stood in for an object. */
  private observe(key: string): { children: ObservedChildren; usedRecord: boolean } {
    const { caches } = this.options;
    const configMap = this.recent.configMaps.fresher(key, caches.configMaps.get(key));
    const service = this.recent.services.fresher(key, caches.services.get(key));
    const deployment = this.recent.deployments.fresher(key, caches.deployments.get(key));
    const hpa = this.recent.horizontalPodAutoscalers.fresher(key, caches.horizontalPodAutoscalers.get(key));
    return {
      children: {
        configMap: configMap.object,
        service: service.object,
        deployment: deployment.object,
        horizontalPodAutoscaler: hpa.object,
      },
      usedRecord: [configMap, service, deployment, hpa].some((entry) => entry.usedRecord && entry.object !== undefined),
    };
  }
}
