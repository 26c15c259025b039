import { setTimeout as sleep } from 'node:timers/promises';
import type { WaitStrategy } from 'testcontainers';
import { ContainerError, ContainerSteps } from './container-error.js';

type Container = Parameters<WaitStrategy['waitUntilReady']>[0];

/**
 * Ready when a probe from this machine succeeds (a Kafka metadata request, an
 * HTTP GET). Containers run on the host network, so testcontainers' port-based
 * strategies have no mapped ports to look at. Fails at once when the container
 * exits while it waits.
 */
export class ProbeWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 60_000;
  private startupTimeoutSet = false;

  constructor(
    private readonly what: string,
    private readonly probe: () => Promise<boolean>,
    private readonly intervalMs = 250,
  ) {}

  async waitUntilReady(container: Container): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    for (;;) {
      const { State } = await container.inspect();
      if (!State.Running) {
        throw new ContainerError({
          step: ContainerSteps.START,
          message: `${this.what}: the container exited (${State.Status}, exit code ${State.ExitCode}) before it was ready`,
        });
      }
      if (await this.probe().catch(() => false)) return;
      if (Date.now() > deadline)
        throw new ContainerError({
          step: ContainerSteps.START,
          message: `${this.what} not ready after ${this.startupTimeoutMs} ms`,
        });
      await sleep(this.intervalMs);
    }
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.startupTimeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.startupTimeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
