import { reconcileContext } from '@kubeless-ts/controller-kit/testing';
// The reconciler against a recording fake cluster: given the caches and the server, the writes it makes, in order, and what it returns or throws.
import { aFunction } from '@kubeless-ts/api/testing';
import { defaultKubelessConfigData } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { createLogger } from '@kubeless-ts/controller-kit';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { ConfigMap, Deployment, Pod } from '@kubeless-ts/k8s';
import { RecordingCluster, type Named } from '../test/recording-cluster.js';
import { stored, testConfig } from '../test/unit-fixtures.js';
import { aDeployment, aPod } from '../test/workload-builders.js';
import { Annotations, LEGACY_FINALIZER } from './child-metadata.js';
import { ConfigSource } from './config-source.js';
import { desired } from './desired-children.js';
import { CONFLICT_RECHECK_MS, FunctionReconciler, type RecentChildren } from './function-reconciler.js';
import { RECENT_WRITE_TTL_MS, RecentWrites } from '@kubeless-ts/controller-kit';

const KEY = 'default/hello';
const CLOCK = { ms: 1_000_000 };

interface Setup {
  readonly fn?: KubelessFunction;
  readonly config?: Record<string, string>;
  readonly failingEvents?: boolean;
}

function setup(options: Setup = {}) {
  const cluster = new RecordingCluster(options.fn ?? stored(aFunction().build()));
  const configMap: ConfigMap = {
    metadata: { name: 'kubeless-config', namespace: 'kubeless', resourceVersion: '1' },
    data: { ...defaultKubelessConfigData({ imageRepository: 'registry.test/kubeless-ts' }), ...options.config },
  };
  const clock = () => CLOCK.ms;
  const recent: RecentChildren = {
    functions: new RecentWrites(clock),
    configMaps: new RecentWrites(clock),
    services: new RecentWrites(clock),
    deployments: new RecentWrites(clock),
    horizontalPodAutoscalers: new RecentWrites(clock),
  };
  const logLines: string[] = [];
  const reconciler = new FunctionReconciler({
    caches: cluster.caches(),
    recent,
    clients: cluster.clients(),
    config: new ConfigSource({ get: () => configMap }, 'kubeless/kubeless-config'),
    events: {
      record: async (_involved, event) => {
        cluster.effects.push(`event ${event.type} ${event.reason}`);
        if (options.failingEvents === true) throw new Error('events are forbidden');
      },
    },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const logger = createLogger({ name: 'spec', destination: { write: (line: string) => void logLines.push(line) } });
  const context = reconcileContext('default', 'hello', 'r1', logger);
  const reconcile = async () => {
    cluster.effects = [];
    return reconciler.reconcile(KEY, context);
  };
  return { cluster, reconcile, logLines, recent };
}

/** Creates the children and lets the caches catch up, so the next pass starts from a converged Function. */
async function converged(options: Setup = {}) {
  const world = setup(options);
  await world.reconcile();
  world.cluster.syncCaches();
  await world.reconcile();
  return world;
}

function ready(fn: KubelessFunction | undefined) {
  return fn?.status?.conditions?.find((condition) => condition.type === 'Ready');
}

function rolloutHashOf(fn: KubelessFunction): string {
  const state = desired({ fn, config: testConfig() });
  if (!state.ok) throw new Error(state.problem.message);
  return state.children.deployment.spec?.template.metadata?.annotations?.[Annotations.ROLLOUT_HASH] ?? '';
}

function foreign(kind: string): Named {
  return {
    metadata: {
      name: 'hello',
      namespace: 'default',
      uid: `${kind}-theirs`,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Something', name: 'x', uid: 'other', controller: true }],
    },
  };
}

describe('FunctionReconciler', () => {
  it('does nothing for a Function that is not in the cache', async () => {
    const { cluster, reconcile } = setup();
    cluster.fn = undefined;
    expect(await reconcile()).toBeUndefined();
    expect(cluster.effects).toEqual([]);
  });

  it('creates missing children create-only, ConfigMap first, and reports Deploying', async () => {
    const { cluster, reconcile } = setup();
    expect(await reconcile()).toBeUndefined();
    expect(cluster.effects).toEqual([
      'create-only ConfigMap hello',
      'create-only Service hello',
      'create-only Deployment hello',
      'status Ready=False/Deploying',
    ]);
    // The Deployment just written stands in for the cache; the runtime alias notice is appended.
    expect(ready(cluster.fn)).toMatchObject({
      message:
        '0 of 1 replicas run the current version; runtime nodejs20 is deprecated and runs as nodejs24 (same handler contract); set runtime: nodejs24 to silence this',
      observedGeneration: 1,
    });
  });

  it('creates the HPA the Function asks for', async () => {
    const fn = stored(
      aFunction()
        .withHorizontalPodAutoscaler({ spec: { minReplicas: 1, maxReplicas: 3 } })
        .build(),
    );
    const { cluster, reconcile } = setup({ fn });
    await reconcile();
    expect(cluster.effects).toEqual([
      'create-only ConfigMap hello',
      'create-only Service hello',
      'create-only Deployment hello',
      'create-only HorizontalPodAutoscaler hello',
      'status Ready=False/Deploying',
    ]);
  });

  it('reads its own writes: a cache that has not caught up causes no second write, and a re-check once the records expire', async () => {
    const { cluster, reconcile } = setup();
    await reconcile();
    // The children's own watch events wake the Function before the caches have them.
    expect(await reconcile()).toEqual({ requeueAfterMs: RECENT_WRITE_TTL_MS + 1000 });
    expect(cluster.effects).toEqual([]);
    cluster.syncCaches();
    expect(await reconcile()).toBeUndefined();
    expect(cluster.effects).toEqual([]);
  });

  it('looks again for children whose records expired while the caches still miss them', async () => {
    const { cluster, reconcile } = setup();
    await reconcile();
    CLOCK.ms += RECENT_WRITE_TTL_MS + 1;
    // Expired records no longer stand in: the children count as missing and are ensured again (the server has them: read, then applied).
    await reconcile();
    expect(cluster.effects).toEqual([
      'create-only ConfigMap hello',
      'find ConfigMap hello',
      'apply ConfigMap hello',
      'create-only Service hello',
      'find Service hello',
      'apply Service hello',
      'create-only Deployment hello',
      'find Deployment hello',
      'apply Deployment hello',
    ]);
  });

  it('writes nothing at all for a converged Function whose status already says the same', async () => {
    const { cluster, reconcile } = await converged();
    expect(cluster.effects).toEqual([]);
    expect(await reconcile()).toBeUndefined();
    expect(cluster.effects).toEqual([]);
  });

  it('re-applies (forced) only the child whose applied hash differs from the desired one', async () => {
    const { cluster, reconcile } = await converged();
    const service = cluster.cache.Service.get(KEY);
    cluster.observed('Service', {
      ...service,
      metadata: { ...service?.metadata, annotations: { [Annotations.APPLIED_HASH]: 'edited' } },
    });
    await reconcile();
    expect(cluster.effects).toEqual(['apply Service hello']);
  });

  it('reports Ready from the Deployment and explains a not-ready one by the pods of the current template only', async () => {
    const { cluster, reconcile } = await converged();
    const fn = cluster.fn ?? stored(aFunction().build());
    const deployment: Deployment = {
      ...aDeployment().withReadyReplicas(0).build(),
      metadata: { ...cluster.cache.Deployment.get(KEY)?.metadata, generation: 1 },
    };
    cluster.observed('Deployment', deployment);
    const crashing = (hash: string, name: string): Pod =>
      aPod(name).withRolloutHash(hash).crashLooping('hello', { exitCode: 1, message: 'boom' }).build();
    cluster.pods = [crashing('an-old-template', 'old')];
    await reconcile();
    expect(cluster.effects).toEqual(['status Ready=False/MinimumReplicasUnavailable']);

    cluster.pods = [crashing('an-old-template', 'old'), crashing(rolloutHashOf(fn), 'new')];
    await reconcile();
    expect(cluster.effects).toEqual(['status Ready=False/CrashLooping', 'event Warning CrashLooping']);

    cluster.observed('Deployment', {
      ...deployment,
      ...aDeployment().withReadyReplicas(1).build(),
      metadata: deployment.metadata,
    });
    await reconcile();
    expect(cluster.effects).toEqual(['status Ready=True/Ready']);
    expect(cluster.fn?.status).toMatchObject({ readyReplicas: 1, replicas: 1 });
  });

  it('never adopts a child someone else controls: writes nothing else, warns once and re-checks later', async () => {
    const { cluster, reconcile } = setup();
    cluster.observed('Service', foreign('Service'));
    expect(await reconcile()).toEqual({ requeueAfterMs: CONFLICT_RECHECK_MS });
    expect(cluster.effects).toEqual(['status Ready=False/ChildConflict', 'event Warning ChildConflict']);
    expect(ready(cluster.fn)?.message).toContain(
      'a Service named default/hello already exists and was not created by this Function',
    );
    // Still there: the same condition, so no second status write and no second Event.
    expect(await reconcile()).toEqual({ requeueAfterMs: CONFLICT_RECHECK_MS });
    expect(cluster.effects).toEqual([]);
  });

  it('finds an object the cache cannot see when create-only fails: a foreign one is a conflict', async () => {
    const { cluster, reconcile } = setup();
    cluster.onServer('Service', { metadata: { name: 'hello', namespace: 'default', uid: 'theirs' } });
    expect(await reconcile()).toEqual({ requeueAfterMs: CONFLICT_RECHECK_MS });
    expect(cluster.effects).toEqual([
      'create-only ConfigMap hello',
      'create-only Service hello',
      'find Service hello',
      'status Ready=False/ChildConflict',
      'event Warning ChildConflict',
    ]);
  });

  it('takes over an object Kubeless left (created-by=kubeless, no controller) found on create', async () => {
    const { cluster, reconcile } = setup();
    cluster.onServer('Service', {
      metadata: { name: 'hello', namespace: 'default', uid: 'legacy', labels: { 'created-by': 'kubeless' } },
    });
    expect(await reconcile()).toBeUndefined();
    expect(cluster.effects).toEqual([
      'create-only ConfigMap hello',
      'create-only Service hello',
      'find Service hello',
      'apply Service hello',
      'create-only Deployment hello',
      'status Ready=False/Deploying',
    ]);
  });

  it('deletes the HPA it owns once the Function no longer asks for one, pinned to its uid', async () => {
    const withHpa = stored(
      aFunction()
        .withHorizontalPodAutoscaler({ spec: { minReplicas: 1, maxReplicas: 3 } })
        .build(),
    );
    const { cluster, reconcile } = await converged({ fn: withHpa });
    cluster.fn = {
      ...(cluster.fn ?? withHpa),
      spec: { ...withHpa.spec, horizontalPodAutoscaler: undefined },
      metadata: { ...(cluster.fn ?? withHpa).metadata, generation: 2 },
    };
    await reconcile();
    expect(cluster.effects).toEqual([
      'delete HorizontalPodAutoscaler hello uid=HorizontalPodAutoscaler-uid',
      'status Ready=False/Deploying',
    ]);
    cluster.syncCaches();
    await reconcile();
    expect(cluster.effects).toEqual([]);
  });

  it('turns a child the API server refuses as invalid into a terminal InvalidSpec, message cut to 4000 characters', async () => {
    const { cluster, reconcile } = setup();
    cluster.failures.set(
      'apply Deployment',
      new KubelessError({ code: ErrorCodes.INVALID.code, message: `spec.template: ${'x'.repeat(5000)}` }),
    );
    await expect(reconcile()).rejects.toMatchObject({
      code: ErrorCodes.VALIDATION.code,
      terminal: true,
      details: { reason: 'InvalidSpec' },
    });
    expect(cluster.effects).toEqual([
      'create-only ConfigMap hello',
      'create-only Service hello',
      'create-only Deployment hello',
      'status Ready=False/InvalidSpec',
      'event Warning InvalidSpec',
    ]);
    expect(ready(cluster.fn)?.message).toHaveLength(4000);
    expect(ready(cluster.fn)?.message).toMatch(
      /^the Deployment built from this Function was refused: spec.template: x+$/,
    );
  });

  it('lets any other API error through for backoff, with no status written', async () => {
    const { cluster, reconcile } = setup();
    cluster.failures.set('apply Service', new Error('connection reset'));
    await expect(reconcile()).rejects.toThrow('connection reset');
    expect(cluster.effects).toEqual(['create-only ConfigMap hello', 'create-only Service hello']);
  });

  it('refuses an undeployable spec before writing any child: terminal, with the code of its reason', async () => {
    const unsupported = setup({ fn: stored(aFunction().withRuntime('cobol1').build()) });
    await expect(unsupported.reconcile()).rejects.toMatchObject({
      code: ErrorCodes.UNSUPPORTED_RUNTIME.code,
      terminal: true,
    });
    expect(unsupported.cluster.effects).toEqual([
      'status Ready=False/UnsupportedRuntime',
      'event Warning UnsupportedRuntime',
    ]);

    const mismatch = setup({
      fn: stored(
        aFunction()
          .withChecksum(`sha256:${'0'.repeat(64)}`)
          .build(),
      ),
    });
    await expect(mismatch.reconcile()).rejects.toMatchObject({
      code: ErrorCodes.VALIDATION.code,
      terminal: true,
      details: { reason: 'ChecksumMismatch' },
    });
    expect(mismatch.cluster.effects).toEqual(['status Ready=False/ChecksumMismatch', 'event Warning ChecksumMismatch']);
    // The next pass finds the status already saying so: no write, no Event, the same terminal error.
    await expect(mismatch.reconcile()).rejects.toMatchObject({ code: ErrorCodes.VALIDATION.code });
    expect(mismatch.cluster.effects).toEqual([]);
  });

  it('stops every Function with InvalidConfig while kubeless-config cannot be parsed', async () => {
    const { cluster, reconcile } = setup({ config: { 'enable-build-step': 'maybe' } });
    await expect(reconcile()).rejects.toMatchObject({
      code: ErrorCodes.VALIDATION.code,
      terminal: true,
      details: { reason: 'InvalidConfig' },
    });
    expect(cluster.effects).toEqual(['status Ready=False/InvalidConfig', 'event Warning InvalidConfig']);
    expect(ready(cluster.fn)?.message).toContain('the kubeless-config ConfigMap kubeless/kubeless-config is invalid');
  });

  it('removes the legacy Kubeless finalizer first, also from a Function it cannot deploy', async () => {
    const withFinalizer = (fn: KubelessFunction): KubelessFunction => ({
      ...fn,
      metadata: { ...fn.metadata, finalizers: [LEGACY_FINALIZER, 'example.com/keep'] },
    });
    const good = setup({ fn: withFinalizer(stored(aFunction().build())) });
    await good.reconcile();
    expect(good.cluster.effects.slice(0, 2)).toEqual([
      'patch Function hello finalizers=example.com/keep',
      'create-only ConfigMap hello',
    ]);

    const bad = setup({ fn: withFinalizer(stored(aFunction().withRuntime('cobol1').build())) });
    await expect(bad.reconcile()).rejects.toMatchObject({ code: ErrorCodes.UNSUPPORTED_RUNTIME.code });
    expect(bad.cluster.effects).toEqual([
      'patch Function hello finalizers=example.com/keep',
      'status Ready=False/UnsupportedRuntime',
      'event Warning UnsupportedRuntime',
    ]);
  });

  it('for a Function being deleted only takes the finalizer off: no child, no status, no error', async () => {
    const deleting = (fn: KubelessFunction): KubelessFunction => ({
      ...fn,
      metadata: { ...fn.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: [LEGACY_FINALIZER] },
    });
    const good = setup({ fn: deleting(stored(aFunction().build())) });
    expect(await good.reconcile()).toBeUndefined();
    expect(good.cluster.effects).toEqual(['patch Function hello finalizers=']);

    const bad = setup({ fn: deleting(stored(aFunction().withRuntime('cobol1').build())) });
    expect(await bad.reconcile()).toBeUndefined();
    expect(bad.cluster.effects).toEqual(['patch Function hello finalizers=']);
  });

  it('logs a Warning Event it cannot record and carries on', async () => {
    const { cluster, reconcile, logLines } = setup({ failingEvents: true });
    cluster.observed('Service', foreign('Service'));
    expect(await reconcile()).toEqual({ requeueAfterMs: CONFLICT_RECHECK_MS });
    expect(cluster.effects).toEqual(['status Ready=False/ChildConflict', 'event Warning ChildConflict']);
    expect(logLines.join('')).toContain('could not record the Warning event');
  });
});
