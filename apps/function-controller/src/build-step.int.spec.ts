// enable-build-step against the real apiserver, controller-manager (its Job controller) and
// scheduler. No kubelet runs here: build pods stay Pending, and this spec writes their
// status as a kubelet would (Succeeded, or Failed with a termination message); the real
// Job controller turns that into the Job's Complete/Failed condition. Building and
// pulling for real is the e2e case e2e/src/cases/cluster/build-step.int.spec.ts.
import { aFunction } from '@kubeless-ts/api/testing';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { Job, Pod } from '@kubeless-ts/k8s';
import { eventually, readyCondition } from '../test/cluster.js';
import { useFunctionScene } from '../test/function-scene.js';
import { BUILT, BuildLabels } from './function-build.js';

const REGISTRY = 'reg.test:5000/functions';
const DEPS = '{"dependencies":{"left-pad":"1.3.0"}}';

describe('the build step against the real control plane', () => {
  const scene = useFunctionScene('build', {
    config: { 'enable-build-step': 'true', 'function-registry': REGISTRY, 'function-registry-tls-verify': 'false' },
    // The build pods must pass the restricted Pod Security Standard: admission refuses them otherwise.
    namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
  });

  const create = (fn: KubelessFunction): Promise<KubelessFunction> =>
    scene.clients.functions.create({ ...fn, metadata: { ...fn.metadata, namespace: scene.ns } });
  const getFn = (name: string): Promise<KubelessFunction> => scene.clients.functions.get(name, { namespace: scene.ns });
  const builtCondition = (fn: KubelessFunction) => fn.status?.conditions?.find((condition) => condition.type === BUILT);

  async function buildJobOf(name: string, except?: string): Promise<Job> {
    return eventually(async () => {
      const jobs = (
        await scene.clients.jobs.list({ namespace: scene.ns, labelSelector: `${BuildLabels.FUNCTION}=${name}` })
      ).items.filter((job) => job.metadata?.name !== except);
      expect(jobs).toHaveLength(1);
      return jobs[0] as Job;
    });
  }

  async function buildPodOf(job: Job): Promise<Pod> {
    return eventually(async () => {
      const pods = (
        await scene.clients.pods.list({ namespace: scene.ns, labelSelector: `job-name=${job.metadata?.name ?? ''}` })
      ).items;
      expect(pods).toHaveLength(1);
      return pods[0] as Pod;
    });
  }

  /** What the kubelet writes when the pod ends; the Job controller takes it from there. */
  async function endPod(
    pod: Pod,
    outcome: { phase: 'Succeeded' } | { phase: 'Failed'; container: string; log: string },
  ): Promise<void> {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const terminated = (name: string, failed: boolean) => ({
      name,
      image: 'x',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: failed ? 1 : 0,
          reason: failed ? 'Error' : 'Completed',
          message: failed && outcome.phase === 'Failed' ? outcome.log : undefined,
          startedAt: now,
          finishedAt: now,
        },
      },
    });
    const failedName = outcome.phase === 'Failed' ? outcome.container : '';
    const status = {
      phase: outcome.phase,
      startTime: now,
      initContainerStatuses: (pod.spec?.initContainers ?? []).map((container) =>
        terminated(container.name, container.name === failedName),
      ),
      containerStatuses: (pod.spec?.containers ?? []).map((container) =>
        terminated(container.name, container.name === failedName),
      ),
    };
    await scene.clients.pods.patchStatus(
      pod.metadata?.name ?? '',
      { type: 'merge', patch: { status } },
      { namespace: scene.ns },
    );
  }

  it('builds in a restricted Job, runs the built image with no init container, never builds the same content twice, and rebuilds a change', async () => {
    await create(aFunction().named('deps').withRuntime('nodejs22').withDeps(DEPS).build());
    const job = await buildJobOf('deps');
    const hash = job.metadata?.labels?.[BuildLabels.HASH] ?? '';
    const image = `${REGISTRY}/deps:${hash}`;
    expect(job.spec?.template.spec?.containers[0]?.args).toEqual(
      expect.arrayContaining(['--image', image, '--insecure']),
    );
    expect(job.spec?.template.spec?.initContainers?.map((container) => container.name)).toEqual(['prepare', 'install']);
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Function', name: 'deps', controller: true });
    // Admitted under `enforce: restricted`: the Job controller could create its pod.
    const pod = await buildPodOf(job);
    await eventually(async () => {
      const fn = await getFn('deps');
      expect(builtCondition(fn)).toMatchObject({ status: 'False', reason: 'Building' });
      expect(readyCondition(fn)).toMatchObject({ status: 'False', reason: 'Building' });
    });
    // No Deployment until the image exists.
    expect(await scene.clients.deployments.find('deps', { namespace: scene.ns })).toBeUndefined();

    await endPod(pod, { phase: 'Succeeded' });
    const deployment = await eventually(() => scene.clients.deployments.get('deps', { namespace: scene.ns }));
    expect(deployment.spec?.template.spec?.containers[0]?.image).toBe(image);
    expect(deployment.spec?.template.spec?.initContainers ?? []).toEqual([]);
    await eventually(async () =>
      expect(builtCondition(await getFn('deps'))).toMatchObject({ status: 'True', reason: 'Built', message: image }),
    );
    // The finished Job and its pod are deleted.
    await eventually(async () =>
      expect(await scene.clients.jobs.find(job.metadata?.name ?? '', { namespace: scene.ns })).toBeUndefined(),
    );
    await eventually(async () =>
      expect(
        (await scene.clients.pods.list({ namespace: scene.ns, labelSelector: `job-name=${job.metadata?.name ?? ''}` }))
          .items,
      ).toEqual([]),
    );

    // A change that does not touch the image content (the timeout) builds nothing.
    await scene.clients.functions.patch(
      'deps',
      { type: 'merge', patch: { spec: { timeout: '30' } } },
      { namespace: scene.ns },
    );
    await eventually(async () =>
      expect(
        (await scene.clients.deployments.get('deps', { namespace: scene.ns })).spec?.template.spec?.containers[0]?.env,
      ).toContainEqual({ name: 'FUNC_TIMEOUT', value: '30' }),
    );
    expect(
      (await scene.clients.jobs.list({ namespace: scene.ns, labelSelector: `${BuildLabels.FUNCTION}=deps` })).items,
    ).toEqual([]);

    // New code: a new build under a new hash, and only then a rollout.
    await scene.clients.functions.patch(
      'deps',
      { type: 'merge', patch: { spec: { function: 'module.exports = { hello: () => "v2" };\n' } } },
      { namespace: scene.ns },
    );
    const second = await buildJobOf('deps', job.metadata?.name);
    expect(second.metadata?.labels?.[BuildLabels.HASH]).not.toBe(hash);
    expect(
      (await scene.clients.deployments.get('deps', { namespace: scene.ns })).spec?.template.spec?.containers[0]?.image,
    ).toBe(image);
    await endPod(await buildPodOf(second), { phase: 'Succeeded' });
    await eventually(async () =>
      expect(
        (await scene.clients.deployments.get('deps', { namespace: scene.ns })).spec?.template.spec?.containers[0]
          ?.image,
      ).toBe(`${REGISTRY}/deps:${second.metadata?.labels?.[BuildLabels.HASH] ?? ''}`),
    );
  });

  it('ends a failed build in Ready=False BuildFailed with the log tail, deletes the Job and does not retry it', async () => {
    await create(
      aFunction()
        .named('bad')
        .withRuntime('nodejs22')
        .withDeps('{"dependencies":{"no-such-package-kbl":"9.9.9"}}')
        .build(),
    );
    const job = await buildJobOf('bad');
    await endPod(await buildPodOf(job), {
      phase: 'Failed',
      container: 'install',
      log: 'npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/no-such-package-kbl\n',
    });
    const fn = await eventually(async () => {
      const current = await getFn('bad');
      expect(readyCondition(current)).toMatchObject({ status: 'False', reason: 'BuildFailed' });
      return current;
    });
    expect(readyCondition(fn)?.message).toContain('container install exited with 1: npm error code E404');
    expect(builtCondition(fn)).toMatchObject({ status: 'False', reason: 'BuildFailed' });
    await eventually(async () =>
      expect(await scene.clients.jobs.find(job.metadata?.name ?? '', { namespace: scene.ns })).toBeUndefined(),
    );
    // A reconcile after the Job is gone (a change outside the image content) must not build the failed content a second time.
    const changed = await scene.clients.functions.patch(
      'bad',
      { type: 'merge', patch: { spec: { timeout: '31' } } },
      { namespace: scene.ns },
    );
    await eventually(async () =>
      expect(readyCondition(await getFn('bad'))).toMatchObject({
        reason: 'BuildFailed',
        observedGeneration: changed.metadata.generation,
      }),
    );
    expect(
      (await scene.clients.jobs.list({ namespace: scene.ns, labelSelector: `${BuildLabels.FUNCTION}=bad` })).items,
    ).toEqual([]);
    const events = await scene.clients.events.list({ namespace: scene.ns, fieldSelector: 'regarding.name=bad' });
    expect(events.items.map((event) => event.reason)).toContain('BuildFailed');
  });
});
