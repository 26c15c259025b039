import { reconcileContext } from '@kubeless-ts/controller-kit/testing';
// The reconciler with the build step on, against recording fakes: every write is an effect in order.
import { aFunction } from '@kubeless-ts/api/testing';
import { defaultKubelessConfigData } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap, Job, Pod, ResourceClient } from '@kubeless-ts/k8s';
import { stored } from '../test/unit-fixtures.js';
import { ConfigSource } from './config-source.js';
import { BUILT } from './function-build.js';
import { FunctionReconciler, type FunctionCaches } from './function-reconciler.js';

type Effect = string;
type Named = { metadata?: { name?: string; namespace?: string } };

interface World {
  fn: KubelessFunction;
  jobs: Map<string, Job>;
  buildPods: Pod[];
  effects: Effect[];
  createdJobs: Job[];
  appliedDeployments: Named[];
}

function recording<T extends Named>(kind: string, world: World): ResourceClient<T> {
  const fake = {
    apply: async (object: T) => {
      world.effects.push(`apply ${kind}`);
      if (kind === 'Deployment') world.appliedDeployments.push(object);
      return { ...object, metadata: { ...object.metadata, uid: `${kind}-uid`, resourceVersion: '10' } };
    },
    create: async (object: T) => {
      world.effects.push(`create ${kind} ${object.metadata?.name ?? ''}`);
      if (kind === 'Job') world.createdJobs.push(object as Job);
      return object;
    },
    delete: async (name: string, options: { propagationPolicy?: string }) => {
      world.effects.push(`delete ${kind} ${name} ${options.propagationPolicy ?? ''}`.trim());
      return true;
    },
    find: async () => undefined,
    list: async () => ({ items: kind === 'Pod' ? world.buildPods : [], metadata: {} }),
    patch: async () => world.fn,
    patchStatus: async (_name: string, body: { patch: { status: KubelessFunction['status'] } }) => {
      world.fn = { ...world.fn, status: body.patch.status };
      world.effects.push(`status ${conditionsOf(world.fn)}`);
      return world.fn;
    },
  };
  return fake as unknown as ResourceClient<T>;
}

function conditionsOf(fn: KubelessFunction): string {
  return (fn.status?.conditions ?? [])
    .map((condition) => `${condition.type}=${condition.status}/${condition.reason ?? ''}`)
    .join(',');
}

const CONFIG = {
  ...defaultKubelessConfigData({ imageRepository: 'registry.test/kubeless-ts' }),
  'enable-build-step': 'true',
  'function-registry': 'reg.test:5000/functions',
};

function setup(fn: KubelessFunction): { world: World; reconcile: () => Promise<unknown> } {
  const world: World = {
    fn: stored(fn),
    jobs: new Map(),
    buildPods: [],
    effects: [],
    createdJobs: [],
    appliedDeployments: [],
  };
  const empty = { get: () => undefined };
  const caches: FunctionCaches = {
    functions: { get: () => world.fn },
    configMaps: empty,
    services: empty,
    deployments: empty,
    horizontalPodAutoscalers: empty,
    pods: { forFunction: () => [] },
    jobs: { get: (key: string) => world.jobs.get(key) },
  };
  const configMap: ConfigMap = {
    metadata: { name: 'kubeless-config', namespace: 'kubeless', resourceVersion: '1' },
    data: CONFIG,
  };
  const reconciler = new FunctionReconciler({
    caches,
    clients: {
      functions: recording('Function', world),
      configMaps: recording('ConfigMap', world),
      services: recording('Service', world),
      deployments: recording('Deployment', world),
      horizontalPodAutoscalers: recording('HorizontalPodAutoscaler', world),
      jobs: recording('Job', world),
      pods: recording('Pod', world),
    },
    config: new ConfigSource({ get: () => configMap }, 'kubeless/kubeless-config'),
    events: { record: async (_involved, event) => void world.effects.push(`event ${event.reason}`) },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  const context = reconcileContext('default', 'hello', 'r1');
  return { world, reconcile: () => reconciler.reconcile('default/hello', context) };
}

function finish(world: World, type: 'Complete' | 'Failed'): string {
  const created = world.createdJobs.at(-1);
  const name = created?.metadata?.name ?? '';
  world.jobs.set(`default/${name}`, {
    ...created,
    metadata: { ...created?.metadata, uid: 'job-uid' },
    status: { conditions: [{ type, status: 'True', reason: type === 'Failed' ? 'BackoffLimitExceeded' : undefined }] },
  } as Job);
  return name;
}

const fnWithDeps = () => aFunction().withRuntime('nodejs22').withDeps('{"dependencies":{"left-pad":"1.3.0"}}');

describe('FunctionReconciler with the build step', () => {
  it('builds once, then runs the built image and removes the Job', async () => {
    const { world, reconcile } = setup(fnWithDeps().build());
    await reconcile();
    const jobName = world.createdJobs[0]?.metadata?.name ?? '';
    // The ConfigMap the Job mounts first; no Deployment until the image exists.
    expect(world.effects).toEqual([
      'apply ConfigMap',
      'apply Service',
      `create Job ${jobName}`,
      'status Built=False/Building,Ready=False/Building',
    ]);

    world.effects = [];
    await reconcile();
    expect(world.effects).toEqual(['create Job ' + jobName]);

    world.effects = [];
    finish(world, 'Complete');
    await reconcile();
    // (The ConfigMap and Service were applied moments ago: what was written stands in for the cache.)
    expect(world.effects).toEqual([
      'apply Deployment',
      `delete Job ${jobName} Background`,
      'status Built=True/Built,Ready=False/Deploying',
    ]);
    const image = world.fn.status?.conditions?.find((condition) => condition.type === BUILT)?.message ?? '';
    expect(image).toMatch(/^reg\.test:5000\/functions\/hello:[0-9a-f]{20}$/);
    const pod = world.appliedDeployments[0] as {
      spec?: { template?: { spec?: { containers?: { image?: string }[]; initContainers?: unknown } } };
    };
    expect(pod.spec?.template?.spec?.containers?.[0]?.image).toBe(image);
    expect(pod.spec?.template?.spec?.initContainers).toBeUndefined();

    // The Job is gone; the status remembers the image: nothing is built again.
    world.jobs.clear();
    world.createdJobs = [];
    world.effects = [];
    await reconcile();
    expect(world.createdJobs).toEqual([]);
    expect(world.effects.filter((effect) => effect.includes('Job'))).toEqual([]);
  });

  it('rebuilds a changed Function under a new hash', async () => {
    const { world, reconcile } = setup(fnWithDeps().build());
    await reconcile();
    finish(world, 'Complete');
    await reconcile();
    const first = world.createdJobs[0]?.metadata?.name;
    world.fn = {
      ...world.fn,
      metadata: { ...world.fn.metadata, generation: 2 },
      spec: { ...world.fn.spec, function: 'module.exports = { hello: () => "v2" };\n' },
    };
    world.effects = [];
    await reconcile();
    const second = world.createdJobs[1]?.metadata?.name;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    // The old pods keep serving until the new image exists: the Deployment is not touched.
    expect(world.effects.some((effect) => effect === 'apply Deployment')).toBe(false);
  });

  it("reports BuildFailed with the failing container's log tail, deletes the Job and does not retry that content", async () => {
    const { world, reconcile } = setup(fnWithDeps().build());
    await reconcile();
    const jobName = finish(world, 'Failed');
    world.buildPods = [
      {
        metadata: { name: `${jobName}-x` },
        status: {
          initContainerStatuses: [
            {
              name: 'prepare',
              image: 'p',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 0 } },
            },
            {
              name: 'install',
              image: 'i',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  message: 'npm error 404 Not Found - GET https://registry.npmjs.org/no-such-package-kbl\n',
                },
              },
            },
          ],
        },
      } as Pod,
    ];
    world.effects = [];
    await expect(reconcile()).rejects.toMatchObject({ code: 'KBL_ERR_BUILD_FAILED', terminal: true });
    expect(world.effects).toEqual([
      `delete Job ${jobName} Background`,
      'status Built=False/BuildFailed,Ready=False/BuildFailed',
      'event BuildFailed',
    ]);
    const ready = world.fn.status?.conditions?.find((condition) => condition.type === 'Ready');
    expect(ready?.message).toContain('container install exited with 1: npm error 404 Not Found');

    world.jobs.clear();
    world.createdJobs = [];
    await expect(reconcile()).rejects.toMatchObject({ code: 'KBL_ERR_BUILD_FAILED' });
    expect(world.createdJobs).toEqual([]);
  });
});
