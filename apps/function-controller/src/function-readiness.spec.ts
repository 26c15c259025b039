import type { Deployment, Pod } from '@kubeless-ts/k8s';
import { aDeployment, aPod, deploymentWithStatus as deployment } from '../test/workload-builders.js';
import { deploymentVerdict, functionReadiness } from './function-readiness.js';
import { podsOfRevision } from './pod-problems.js';
import { PodFailureReasons, ReadyReasons, RolloutFailureReasons } from './ready-reasons.js';

const pending = aDeployment().build();
const oom = { exitCode: 137, reason: 'OOMKilled' };

describe('deploymentVerdict (progress of the rollout)', () => {
  it.each<[string, Deployment | undefined, string, string]>([
    ['no Deployment yet', undefined, 'False', ReadyReasons.DEPLOYING],
    [
      'a template not yet observed',
      deployment({ generation: 2 }, { observedGeneration: 1 }),
      'False',
      ReadyReasons.DEPLOYING,
    ],
    [
      'replicas not yet updated',
      deployment({ replicas: 2 }, { observedGeneration: 1, updatedReplicas: 1, replicas: 2, readyReplicas: 2 }),
      'False',
      ReadyReasons.DEPLOYING,
    ],
    [
      'old replicas still around',
      deployment({}, { observedGeneration: 1, updatedReplicas: 1, replicas: 2, readyReplicas: 1 }),
      'False',
      ReadyReasons.DEPLOYING,
    ],
    [
      'no ready pod (pods Pending)',
      deployment({}, { observedGeneration: 1, updatedReplicas: 1, replicas: 1 }),
      'False',
      ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE,
    ],
    [
      'every replica ready',
      deployment(
        {},
        { observedGeneration: 1, updatedReplicas: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1 },
      ),
      'True',
      ReadyReasons.READY,
    ],
  ])('%s', (_what, observed, status, reason) => {
    expect(deploymentVerdict(observed)).toMatchObject({ status, reason });
  });
});

describe('functionReadiness', () => {
  it('is Ready when the Deployment has its available replicas, whatever an old or restarted pod says', () => {
    const ready = aDeployment().withReplicas(2).withReadyReplicas(2).build();
    const pods = [
      aPod('a').running('hello').build(),
      aPod('b')
        .running('hello', { restarts: 1, lastExit: { exitCode: 1, reason: 'Error' } })
        .build(),
    ];
    expect(functionReadiness(ready, pods)).toEqual({
      status: 'True',
      reason: 'Ready',
      message: '2 of 2 replicas ready',
    });
  });

  it('says Deploying while there is no Deployment, and MinimumReplicasUnavailable while pods start without trouble', () => {
    expect(functionReadiness(undefined, [])).toMatchObject({ status: 'False', reason: ReadyReasons.DEPLOYING });
    const starting = [
      aPod().waiting('hello', 'ContainerCreating').build(),
      aPod('b').waiting('install', 'PodInitializing', undefined, { init: true }).build(),
    ];
    expect(functionReadiness(pending, starting)).toMatchObject({
      status: 'False',
      reason: ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE,
    });
  });

  it.each(['ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName'])(
    'reports %s of the runtime container as ImagePullFailed, naming the image and the kubelet message',
    (reason) => {
      const pods = [
        aPod()
          .waiting(
            'hello',
            reason,
            'failed to resolve reference "registry.test/kubeless-ts/runtime-nodejs:20": not found',
          )
          .build(),
      ];
      const verdict = functionReadiness(pending, pods);
      expect(verdict).toMatchObject({ status: 'False', reason: PodFailureReasons.IMAGE_PULL_FAILED });
      expect(verdict.message).toContain(
        `cannot pull image "registry.test/kubeless-ts/runtime-nodejs:20" of container hello (${reason}): failed to resolve reference`,
      );
      expect(verdict.message).toContain('imagePullSecrets');
    },
  );

  it('reports an init container image that cannot be pulled the same way', () => {
    const pods = [
      aPod()
        .waiting('prepare', 'ImagePullBackOff', 'Back-off pulling image "registry.test/provision:1"', { init: true })
        .build(),
    ];
    expect(functionReadiness(pending, pods)).toMatchObject({
      reason: PodFailureReasons.IMAGE_PULL_FAILED,
      message: expect.stringContaining('"registry.test/provision:1" of container prepare'),
    });
  });

  it('reports CrashLoopBackOff as CrashLooping with the last exit, the restart count and where to read the output', () => {
    const verdict = functionReadiness(pending, [
      aPod()
        .crashLooping('hello', { exitCode: 1, reason: 'Error', message: 'SyntaxError: Unexpected token' }, 4)
        .build(),
    ]);
    expect(verdict).toEqual({
      status: 'False',
      reason: PodFailureReasons.CRASH_LOOPING,
      message:
        'container hello keeps crashing (exit code 1 (Error): SyntaxError: Unexpected token, restarted 4 times); read its output with `kubeless function logs hello` or `kubectl logs -n fns hello-7d9f-abcde -c hello --previous`',
    });
  });

  it('keeps saying CrashLooping while a crashed container runs again but is not ready, and hints at memory after an OOM kill', () => {
    const verdict = functionReadiness(pending, [
      aPod().running('hello', { ready: false, restarts: 2, lastExit: oom }).build(),
    ]);
    expect(verdict).toMatchObject({
      reason: PodFailureReasons.CRASH_LOOPING,
      message: expect.stringContaining('exit code 137 (OOMKilled), restarted 2 times); it ran out of memory'),
    });
  });

  it('reports a failed install init container as DependencyInstallFailed', () => {
    const crashing = aPod().crashLooping('install', { exitCode: 1, reason: 'Error' }, 2, { init: true }).build();
    const verdict = functionReadiness(pending, [crashing]);
    expect(verdict).toMatchObject({ reason: PodFailureReasons.DEPENDENCY_INSTALL_FAILED });
    expect(verdict.message).toContain('init container install: exit code 1 (Error), restarted 2 times');
    expect(verdict.message).toContain('check spec.deps');
    expect(verdict.message).toContain('`kubectl logs -n fns hello-7d9f-abcde -c install --previous`');
    const firstFailure = aPod().terminated('install', { exitCode: 1, reason: 'Error' }, { init: true }).build();
    expect(functionReadiness(pending, [firstFailure])).toMatchObject({
      reason: PodFailureReasons.DEPENDENCY_INSTALL_FAILED,
    });
  });

  it('reports a crash loop without a recorded termination (a stand-in kubelet) with the back-off message', () => {
    const pod = aPod()
      .waiting('install', 'CrashLoopBackOff', 'init container install exited with 1', { init: true, restarts: 2 })
      .build();
    expect(functionReadiness(pending, [pod])).toMatchObject({
      reason: PodFailureReasons.DEPENDENCY_INSTALL_FAILED,
      message: expect.stringContaining(
        '(init container install: restarted 2 times: init container install exited with 1)',
      ),
    });
  });

  it('reports another failed init container as InitContainerFailed, saying what it does', () => {
    const verdict = functionReadiness(pending, [
      aPod().crashLooping('prepare', { exitCode: 2, reason: 'Error' }, 1, { init: true }).build(),
    ]);
    expect(verdict).toMatchObject({
      reason: PodFailureReasons.INIT_CONTAINER_FAILED,
      message: expect.stringContaining(
        'init container prepare (unpacks the function code and checks its checksum) failed',
      ),
    });
  });

  it('ignores init containers that completed', () => {
    const pod = aPod()
      .terminated('prepare', { exitCode: 0, reason: 'Completed' }, { init: true })
      .waiting('install', 'PodInitializing', undefined, { init: true })
      .build();
    expect(functionReadiness(pending, [pod])).toMatchObject({ reason: ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE });
  });

  it('reports CreateContainerConfigError (a missing Secret or ConfigMap) as ContainerConfigError', () => {
    const verdict = functionReadiness(pending, [
      aPod().waiting('hello', 'CreateContainerConfigError', 'secret "db-password" not found').build(),
    ]);
    expect(verdict).toMatchObject({
      reason: PodFailureReasons.CONTAINER_CONFIG_ERROR,
      message: expect.stringContaining(
        '(CreateContainerConfigError): secret "db-password" not found; create the Secret or ConfigMap',
      ),
    });
  });

  it('reports a container the runtime cannot start as ContainerCreateFailed', () => {
    const verdict = functionReadiness(pending, [
      aPod().waiting('hello', 'RunContainerError', 'exec: "node": executable file not found').build(),
    ]);
    expect(verdict).toMatchObject({
      reason: PodFailureReasons.CONTAINER_CREATE_FAILED,
      message: expect.stringContaining('executable file not found'),
    });
  });

  it("reports PodScheduled=False/Unschedulable as Unschedulable with the scheduler's message", () => {
    const message =
      '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    const verdict = functionReadiness(pending, [aPod().unschedulable(message).build()]);
    expect(verdict).toMatchObject({
      status: 'False',
      reason: PodFailureReasons.UNSCHEDULABLE,
      message: expect.stringContaining(`pod hello-7d9f-abcde cannot be scheduled: ${message}; add node capacity`),
    });
  });

  it('reports ReplicaFailure (pods the ReplicaSet cannot create) as PodCreationFailed', () => {
    const forbidden = aDeployment()
      .withCondition('ReplicaFailure', 'True', 'FailedCreate', 'pods "hello-x" is forbidden: exceeded quota: compute')
      .build();
    expect(functionReadiness(forbidden, [])).toEqual({
      status: 'False',
      reason: RolloutFailureReasons.POD_CREATION_FAILED,
      message: `the function's pods cannot be created: pods "hello-x" is forbidden: exceeded quota: compute`,
    });
  });

  it('reports Progressing=False/ProgressDeadlineExceeded when no pod says more', () => {
    const stuck = aDeployment()
      .withCondition(
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        'ReplicaSet "hello-7d9f" has timed out progressing.',
      )
      .build();
    expect(functionReadiness(stuck, [aPod().waiting('hello', 'ContainerCreating').build()])).toMatchObject({
      reason: RolloutFailureReasons.PROGRESS_DEADLINE_EXCEEDED,
      message: expect.stringContaining(
        'ReplicaSet "hello-7d9f" has timed out progressing.; see `kubectl describe pods -l function=hello`',
      ),
    });
  });

  describe('precedence when several apply', () => {
    const cases: [string, Pod[], Deployment, string][] = [
      [
        'a pod problem over the progress deadline',
        [aPod().crashLooping('hello', { exitCode: 1 }).build()],
        aDeployment().withCondition('Progressing', 'False', 'ProgressDeadlineExceeded', 'timed out').build(),
        PodFailureReasons.CRASH_LOOPING,
      ],
      [
        'a pod problem over ReplicaFailure',
        [aPod().unschedulable('0/1 nodes').build()],
        aDeployment().withCondition('ReplicaFailure', 'True', 'FailedCreate', 'quota').build(),
        PodFailureReasons.UNSCHEDULABLE,
      ],
      [
        'ReplicaFailure over the progress deadline',
        [],
        aDeployment()
          .withCondition('Progressing', 'False', 'ProgressDeadlineExceeded', 'x')
          .withCondition('ReplicaFailure', 'True', 'FailedCreate', 'y')
          .build(),
        RolloutFailureReasons.POD_CREATION_FAILED,
      ],
      [
        'a bad image over a crash in another pod',
        [aPod('a').crashLooping('hello', { exitCode: 1 }).build(), aPod('b').waiting('hello', 'ErrImagePull').build()],
        pending,
        PodFailureReasons.IMAGE_PULL_FAILED,
      ],
      [
        'a crash over an unschedulable replica',
        [aPod('a').unschedulable('0/1 nodes').build(), aPod('b').crashLooping('hello', { exitCode: 1 }).build()],
        pending,
        PodFailureReasons.CRASH_LOOPING,
      ],
      [
        'a missing Secret over a failed install',
        [
          aPod('a').crashLooping('install', { exitCode: 1 }, 1, { init: true }).build(),
          aPod('b').waiting('hello', 'CreateContainerConfigError').build(),
        ],
        pending,
        PodFailureReasons.CONTAINER_CONFIG_ERROR,
      ],
      [
        'a failed install over a crash',
        [
          aPod('a').crashLooping('hello', { exitCode: 1 }).build(),
          aPod('b').crashLooping('install', { exitCode: 1 }, 1, { init: true }).build(),
        ],
        pending,
        PodFailureReasons.DEPENDENCY_INSTALL_FAILED,
      ],
      [
        'the first failing init container of a pod',
        [
          aPod()
            .crashLooping('prepare', { exitCode: 1 }, 1, { init: true })
            .waiting('install', 'ImagePullBackOff', undefined, { init: true })
            .build(),
        ],
        pending,
        PodFailureReasons.INIT_CONTAINER_FAILED,
      ],
    ];
    it.each(cases)('%s', (_what, pods, observed, reason) => {
      expect(functionReadiness(observed, pods).reason).toBe(reason);
    });

    it('picks the same pod on every reconcile whatever the cache order', () => {
      const a = aPod('hello-a').crashLooping('hello', { exitCode: 1 }).build();
      const b = aPod('hello-b').crashLooping('hello', { exitCode: 2 }).build();
      expect(functionReadiness(pending, [b, a])).toEqual(functionReadiness(pending, [a, b]));
      expect(functionReadiness(pending, [b, a]).message).toContain('exit code 1');
    });
  });

  it('ignores pods being deleted and pods that ended', () => {
    const pods = [
      aPod('a').waiting('hello', 'ErrImagePull').beingDeleted().build(),
      aPod('b').crashLooping('hello', { exitCode: 1 }).inPhase('Failed').build(),
    ];
    expect(functionReadiness(pending, pods)).toMatchObject({ reason: ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE });
  });

  it('shortens a very long kubelet message', () => {
    const verdict = functionReadiness(pending, [aPod().waiting('hello', 'ErrImagePull', 'x'.repeat(5000)).build()]);
    expect(verdict.message?.length).toBeLessThan(1300);
  });
});

describe('podsOfRevision', () => {
  it('keeps the pods of the current template only', () => {
    const current = aPod('new').withRolloutHash('h2').build();
    const old = aPod('old').withRolloutHash('h1').build();
    expect(podsOfRevision([current, old], 'h2')).toEqual([current]);
    expect(podsOfRevision([current, old], undefined)).toEqual([current, old]);
  });
});
