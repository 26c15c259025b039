import { aFunction } from '@kubeless-ts/api/testing';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { Pod } from '@kubeless-ts/k8s';
import { eventually, readyCondition, reportPodsReady } from '../test/cluster.js';
import { useFunctionScene } from '../test/function-scene.js';
import { runKubeless } from '../test/processes.js';

type PodStatus = NonNullable<Pod['status']>;

const RUNTIME_IMAGE = 'registry.test/kubeless-ts/runtime-nodejs:24';
/** No node carries this label: the real scheduler reports the pods Unschedulable and no kubelet ever runs them, so this spec alone writes their container states. */
const NOWHERE = { spec: { template: { spec: { nodeSelector: { 'kubeless.io/test-node': 'none' } } } } };

describe('Ready reasons from what the scheduler and the kubelet write on the function pods', () => {
  const scene = useFunctionScene('failures', { controller: 'process' });

  const podsOf = async (name: string): Promise<Pod[]> =>
    (await scene.clients.pods.list({ namespace: scene.ns, labelSelector: `function=${name}` })).items;

  /** Writes container states through the status subresource, as the kubelet does. */
  const kubeletReports = async (
    name: string,
    status: Pick<PodStatus, 'initContainerStatuses' | 'containerStatuses'>,
  ): Promise<void> => {
    for (const pod of await podsOf(name)) {
      await scene.clients.pods.patchStatus(
        pod.metadata?.name ?? '',
        { type: 'merge', patch: { status: { phase: 'Pending', ...status } } },
        { namespace: scene.ns },
      );
    }
  };

  const expectReady = async (name: string, expected: { status: string; reason: string }): Promise<KubelessFunction> =>
    eventually(async () => {
      const fn = await scene.clients.functions.get(name, { namespace: scene.ns });
      expect(readyCondition(fn)).toMatchObject(expected);
      return fn;
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\ncontroller output:\n${scene.process.output()}`);
    });

  const listed = async (name: string): Promise<string> => {
    const result = await runKubeless(['function', 'ls', name, '-n', scene.ns]);
    expect(result).toMatchObject({ code: 0 });
    return result.stdout;
  };

  const waitingContainer = (
    container: string,
    reason: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) => ({
    name: container,
    image: RUNTIME_IMAGE,
    imageID: '',
    ready: false,
    restartCount: 0,
    state: { waiting: { reason, message } },
    ...extra,
  });

  it('follows the pod from unschedulable, through a failed install, a missing Secret, a failed pull and a crash loop, to Ready', async () => {
    const name = 'broken';
    await scene.clients.functions.create(
      aFunction()
        .named(name)
        .inNamespace(scene.ns)
        .withDeps('{"dependencies":{"left-pad":"1.3.0"}}')
        .withDeployment(NOWHERE)
        .build(),
    );
    await eventually(async () => expect(await podsOf(name)).toHaveLength(1));

    const unschedulable = await expectReady(name, { status: 'False', reason: 'Unschedulable' });
    expect(readyCondition(unschedulable)?.message).toMatch(
      /^pod broken-[a-z0-9-]+ cannot be scheduled: (no nodes available to schedule pods|0\/\d+ nodes are available)/,
    );
    expect(await listed(name)).toMatch(/0\/1 NOT READY \(Unschedulable\)\n$/);

    const prepared = {
      name: 'prepare',
      image: 'registry.test/kubeless-ts/provision:1',
      imageID: '',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    };
    await kubeletReports(name, {
      initContainerStatuses: [
        prepared,
        waitingContainer('install', 'CrashLoopBackOff', 'back-off 20s restarting failed container', {
          restartCount: 2,
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        }),
      ],
      containerStatuses: [waitingContainer(name, 'PodInitializing', '')],
    });
    const install = await expectReady(name, { status: 'False', reason: 'DependencyInstallFailed' });
    expect(readyCondition(install)?.message).toContain(
      'init container install: exit code 1 (Error), restarted 2 times',
    );

    const installed = { ...prepared, name: 'install', image: RUNTIME_IMAGE };
    await kubeletReports(name, {
      initContainerStatuses: [prepared, installed],
      containerStatuses: [waitingContainer(name, 'CreateContainerConfigError', 'secret "db-password" not found')],
    });
    await expectReady(name, { status: 'False', reason: 'ContainerConfigError' });

    const pullMessage = `Back-off pulling image "${RUNTIME_IMAGE}"`;
    await kubeletReports(name, {
      initContainerStatuses: [prepared, installed],
      containerStatuses: [waitingContainer(name, 'ImagePullBackOff', pullMessage)],
    });
    const pull = await expectReady(name, { status: 'False', reason: 'ImagePullFailed' });
    expect(readyCondition(pull)?.message).toContain(
      `cannot pull image "${RUNTIME_IMAGE}" of container broken (ImagePullBackOff): ${pullMessage}`,
    );
    expect(await listed(name)).toMatch(/0\/1 NOT READY \(ImagePullFailed\)\n$/);
    const described = await runKubeless(['function', 'describe', name, '-n', scene.ns]);
    expect(described.stdout).toContain(`Ready:        False: ImagePullFailed: cannot pull image "${RUNTIME_IMAGE}"`);
    const yaml = await runKubeless(['function', 'describe', name, '-n', scene.ns, '-o', 'yaml']);
    expect(yaml.stdout).toMatch(/reason: ImagePullFailed\n/);
    expect(yaml.stdout).toContain(`cannot pull image "${RUNTIME_IMAGE}"`);

    await kubeletReports(name, {
      initContainerStatuses: [prepared, installed],
      containerStatuses: [
        waitingContainer(name, 'CrashLoopBackOff', 'back-off 40s restarting failed container', {
          restartCount: 3,
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        }),
      ],
    });
    const crash = await expectReady(name, { status: 'False', reason: 'CrashLooping' });
    expect(readyCondition(crash)?.message).toContain(
      'container broken keeps crashing (exit code 1 (Error), restarted 3 times); read its output with `kubeless function logs broken`',
    );
    expect(await listed(name)).toMatch(/0\/1 NOT READY \(CrashLooping\)\n$/);

    await eventually(async () => {
      const events = (await scene.clients.events.list({ namespace: scene.ns })).items.filter(
        (event) => event.regarding?.name === name && event.type === 'Warning',
      );
      expect(new Set(events.map((event) => event.reason))).toEqual(
        new Set([
          'Unschedulable',
          'DependencyInstallFailed',
          'ContainerConfigError',
          'ImagePullFailed',
          'CrashLooping',
        ]),
      );
    });

    await reportPodsReady(scene.clients, scene.ns, name);
    await expectReady(name, { status: 'True', reason: 'Ready' });
    expect(await listed(name)).toMatch(/1\/1 READY\n$/);
  });
});
