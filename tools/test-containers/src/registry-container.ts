import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { freePort, reaper } from '@kubeless-ts/testenv';
import type { ProgressSink } from '@kubeless-ts/images';
import { containerEngine, containerPid, removeInstance } from './container-engine.js';
import { buildRegistryImage } from './container-images.js';
import { ownerLabels } from './container-labels.js';
import { ProbeWaitStrategy } from './probe-wait-strategy.js';

export interface RegistryContainerOptions {
  readonly progress?: ProgressSink;
  /** Address to listen on; loopback by default. */
  readonly host?: string;
  readonly startTimeoutMs?: number;
}

/** An OCI registry in a container; `address` is `host:port`, plain HTTP, as the node's registry process. */
export interface RegistryContainer {
  readonly address: string;
  readonly logFile: string;
  readonly containerId: string;
  readonly image: string;
  stop(): Promise<void>;
}

async function servesApi(address: string): Promise<boolean> {
  const response = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(1_000) });
  return response.ok;
}

/**
 * Debian's docker-registry in kubeless-ts/registry:<version>, built here and
 * started through testcontainers on the host network; ready once `GET /v2/`
 * answers 200. Its storage lives and dies with the container.
 */
export async function startRegistryContainer(options: RegistryContainerOptions = {}): Promise<RegistryContainer> {
  const progress = options.progress ?? (() => undefined);
  const engine = await containerEngine({ progress });
  const image = await buildRegistryImage(engine.docker, progress);
  const address = `${options.host ?? '127.0.0.1'}:${await freePort()}`;
  const logDir = mkdtempSync(join(tmpdir(), 'kubeless-ts-registry-container-'));
  const logFile = join(logDir, 'registry.log');
  const instance = randomUUID();
  progress(`[testenv] starting ${image} (testcontainers) on ${address}`);
  let started: StartedTestContainer;
  try {
    started = await new GenericContainer(image)
      .withNetworkMode('host')
      .withLabels(ownerLabels('registry', instance))
      .withEnvironment({ REGISTRY_HTTP_ADDR: address })
      .withLogConsumer((stream) => stream.pipe(createWriteStream(logFile, { flags: 'a' })))
      .withWaitStrategy(new ProbeWaitStrategy('registry container', () => servesApi(address)))
      .withStartupTimeout(options.startTimeoutMs ?? 30_000)
      .start();
  } catch (error) {
    await removeInstance(engine.client, instance).catch(() => undefined);
    throw error;
  }
  let pid: number;
  try {
    pid = await containerPid(engine.client, started.getId());
  } catch (error) {
    await started.stop({ timeout: 0 }).catch(() => undefined);
    throw error;
  }
  reaper.track(pid);
  return {
    address,
    logFile,
    containerId: started.getId(),
    image,
    async stop() {
      reaper.forget(pid);
      await started.stop({ timeout: 5_000, remove: true, removeVolumes: true });
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
