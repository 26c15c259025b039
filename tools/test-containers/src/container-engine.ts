import { ensureDockerEngine, type DockerEngine } from '@kubeless-ts/images';
import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import type { ProgressSink } from '@kubeless-ts/images';
import { ContainerError, ContainerSteps } from './container-error.js';
import { ContainerLabels, leftoverContainerIds, processAlive } from './container-labels.js';

export interface ContainerEngine {
  readonly docker: DockerEngine;
  readonly client: ContainerRuntimeClient;
}

let configured: Promise<ContainerEngine> | undefined;

/**
 * The project's Docker engine (started when it does not answer), with
 * testcontainers pointed at it. testcontainers takes its engine, host and the
 * Ryuk switch from the process environment and keeps the client for the life of
 * the process, so both are set here, before its first use. Ryuk's image cannot
 * be pulled here: containers are stopped by their owners, and the leftovers of
 * a killed run are removed the first time this runs in a later process.
 */
export function containerEngine(options: { progress?: ProgressSink } = {}): Promise<ContainerEngine> {
  configured ??= connect(options.progress ?? (() => undefined)).catch((error: unknown) => {
    configured = undefined;
    throw error;
  });
  return configured;
}

async function connect(progress: ProgressSink): Promise<ContainerEngine> {
  const docker = await ensureDockerEngine({ progress });
  const client = await connectTestcontainers(docker);
  await removeLeftovers(client, progress);
  return { docker, client };
}

/**
 * Points testcontainers at `docker` and checks that it took it: when the
 * configured engine does not answer, testcontainers tries the machine's
 * default sockets next, where none of our images are.
 */
export async function connectTestcontainers(docker: DockerEngine): Promise<ContainerRuntimeClient> {
  process.env['DOCKER_HOST'] = docker.host;
  process.env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';
  // Containers share this machine's network. Without an override, testcontainers
  // run inside a container (as CI machines may be) looks for the engine's
  // `bridge` network gateway, which an engine started with --bridge=none lacks.
  process.env['TESTCONTAINERS_HOST_OVERRIDE'] = '127.0.0.1';
  let client: ContainerRuntimeClient;
  try {
    client = await getContainerRuntimeClient();
  } catch (error) {
    throw new ContainerError({
      step: ContainerSteps.ENGINE,
      message: `testcontainers cannot reach the engine at ${docker.host}: ${messageOf(error)}`,
      hint: 'npm run images -- start-engine',
      cause: error,
    });
  }
  const socket = client.info.containerRuntime.remoteSocketPath;
  if (socket !== docker.socket) {
    throw new ContainerError({
      step: ContainerSteps.ENGINE,
      message: `testcontainers uses the engine at ${socket}, not the project engine at ${docker.socket}`,
      hint: 'unset TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE and ~/.testcontainers.properties tc.host',
    });
  }
  return client;
}

async function removeLeftovers(client: ContainerRuntimeClient, progress: ProgressSink): Promise<void> {
  const containers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [ContainerLabels.OWNER_PID] },
  });
  for (const id of leftoverContainerIds(containers, processAlive)) {
    await removeContainer(client, id);
    progress(`[testenv] removed leftover container ${id.slice(0, 12)} of a run that is gone`);
  }
}

/** Removes every container of one start attempt (a failed start may leave one behind). */
export async function removeInstance(client: ContainerRuntimeClient, instance: string): Promise<void> {
  const containers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${ContainerLabels.INSTANCE}=${instance}`] },
  });
  for (const container of containers) await removeContainer(client, container.Id);
}

async function removeContainer(client: ContainerRuntimeClient, id: string): Promise<void> {
  try {
    await client.container.dockerode.getContainer(id).remove({ force: true, v: true });
  } catch (error) {
    // Removed meanwhile (404) or already being removed (409): either way it is going.
    const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined;
    if (status === 404 || status === 409) return;
    throw new ContainerError({
      step: ContainerSteps.CLEANUP,
      message: `cannot remove container ${id.slice(0, 12)}: ${messageOf(error)}`,
      cause: error,
    });
  }
}

/** The host pid of a container's first process (the reaper watches it like any process of ours). */
export async function containerPid(client: ContainerRuntimeClient, id: string): Promise<number> {
  const info = await client.container.inspect(client.container.getById(id));
  const pid = info.State.Pid;
  if (!info.State.Running || pid <= 0)
    throw new ContainerError({
      step: ContainerSteps.START,
      message: `container ${id.slice(0, 12)} is not running (${info.State.Status})`,
    });
  return pid;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
