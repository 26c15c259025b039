// Builders of Deployments and Pods as the Deployment controller, the scheduler and the kubelet leave them, for the readiness specs.
import type { Deployment, Pod } from '@kubeless-ts/k8s';

type PodStatus = NonNullable<Pod['status']>;
type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];
type DeploymentCondition = NonNullable<NonNullable<Deployment['status']>['conditions']>[number];

export interface Exit {
  readonly exitCode: number;
  readonly reason?: string;
  readonly message?: string;
}

class DeploymentBuilder {
  private wanted = 1;
  private readonly status: NonNullable<Deployment['status']> = {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
  };
  private readonly conditions: DeploymentCondition[] = [];

  withReplicas(count: number): this {
    this.wanted = count;
    this.status.replicas = count;
    this.status.updatedReplicas = count;
    return this;
  }

  withReadyReplicas(count: number): this {
    this.status.readyReplicas = count;
    this.status.availableReplicas = count;
    return this;
  }

  withCondition(type: string, status: string, reason: string, message: string): this {
    this.conditions.push({ type, status, reason, message });
    return this;
  }

  build(): Deployment {
    const status =
      this.conditions.length === 0 ? { ...this.status } : { ...this.status, conditions: [...this.conditions] };
    return {
      metadata: { name: 'hello', namespace: 'fns', generation: 1 },
      spec: { replicas: this.wanted, selector: {}, template: {} },
      status,
    };
  }
}

/** A Deployment of function `hello` whose controller observed the current template, with one updated replica. */
export function aDeployment(): DeploymentBuilder {
  return new DeploymentBuilder();
}

class PodBuilder {
  private readonly init: ContainerStatus[] = [];
  private readonly main: ContainerStatus[] = [];
  private readonly conditions: NonNullable<PodStatus['conditions']> = [];
  private phase = 'Pending';
  private annotations: Record<string, string> | undefined;
  private deleting = false;

  constructor(private readonly name: string) {}

  withRolloutHash(hash: string): this {
    this.annotations = { 'kubeless.io/rollout-hash': hash };
    return this;
  }

  /** A container waiting with this kubelet reason (ErrImagePull, CreateContainerConfigError, …). */
  waiting(
    container: string,
    reason: string,
    message?: string,
    options: { init?: boolean; restarts?: number; lastExit?: Exit } = {},
  ): this {
    const status: ContainerStatus = {
      name: container,
      image: `registry.test/${container}:1`,
      imageID: '',
      ready: false,
      restartCount: options.restarts ?? 0,
      state: { waiting: { reason, message } },
    };
    if (options.lastExit !== undefined) status.lastState = { terminated: { ...options.lastExit } };
    (options.init === true ? this.init : this.main).push(status);
    return this;
  }

  /** What the kubelet shows between two restarts of a crashing container. */
  crashLooping(container: string, lastExit: Exit, restarts = 3, options: { init?: boolean } = {}): this {
    return this.waiting(container, 'CrashLoopBackOff', `back-off 40s restarting failed container=${container}`, {
      ...options,
      restarts,
      lastExit,
    });
  }

  terminated(container: string, exit: Exit, options: { init?: boolean; restarts?: number } = {}): this {
    const status: ContainerStatus = {
      name: container,
      image: `registry.test/${container}:1`,
      imageID: '',
      ready: false,
      restartCount: options.restarts ?? 0,
      state: { terminated: { ...exit } },
    };
    (options.init === true ? this.init : this.main).push(status);
    return this;
  }

  running(
    container: string,
    options: { ready?: boolean; restarts?: number; lastExit?: Exit; init?: boolean } = {},
  ): this {
    this.phase = 'Running';
    const status: ContainerStatus = {
      name: container,
      image: `registry.test/${container}:1`,
      imageID: '',
      ready: options.ready ?? true,
      restartCount: options.restarts ?? 0,
      state: { running: {} },
    };
    if (options.lastExit !== undefined) status.lastState = { terminated: { ...options.lastExit } };
    (options.init === true ? this.init : this.main).push(status);
    return this;
  }

  unschedulable(message: string): this {
    this.conditions.push({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message });
    return this;
  }

  inPhase(phase: string): this {
    this.phase = phase;
    return this;
  }

  beingDeleted(): this {
    this.deleting = true;
    return this;
  }

  build(): Pod {
    const metadata: NonNullable<Pod['metadata']> = {
      name: this.name,
      namespace: 'fns',
      labels: { function: 'hello', 'created-by': 'kubeless' },
    };
    if (this.annotations !== undefined) metadata.annotations = { ...this.annotations };
    if (this.deleting) metadata.deletionTimestamp = '2026-11-25T12:00:00Z';
    return {
      metadata,
      spec: {
        containers: [{ name: 'hello', image: 'registry.test/kubeless-ts/runtime-nodejs:20' }],
        initContainers: [
          { name: 'prepare', image: 'registry.test/provision:1' },
          { name: 'install', image: 'registry.test/kubeless-ts/runtime-nodejs:20' },
        ],
      },
      status: {
        phase: this.phase,
        conditions: [...this.conditions],
        initContainerStatuses: [...this.init],
        containerStatuses: [...this.main],
      },
    };
  }
}

/** A pod of function `hello` in namespace `fns`, Pending with no container status until told otherwise. */
export function aPod(name = 'hello-7d9f-abcde'): PodBuilder {
  return new PodBuilder(name);
}

/** The Deployment `hello` as its controller reports it: desired replicas and generation, and a status. */
export function deploymentWithStatus(
  spec: { replicas?: number; generation?: number },
  status: NonNullable<Deployment['status']>,
): Deployment {
  return {
    metadata: { name: 'hello', generation: spec.generation ?? 1 },
    spec: { replicas: spec.replicas ?? 1, selector: {}, template: {} },
    status,
  };
}
