import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kubeless-ts/testenv';
import { cliCommand } from './cluster-provider.js';
import { probeDocker } from './docker-engine.js';
import { Providers, type RunningTarget } from './e2e-target.js';

export const K3S_IMAGE = 'rancher/k3s:v1.34.1-k3s1';
export const KAFKA_IMAGE = 'apache/kafka:4.1.1';

/** The provider cannot run on this machine; the message says why, for a person to read. */
export class ProviderUnavailable extends Error {
  override readonly name = 'ProviderUnavailable';
}

export interface TestcontainersOptions {
  readonly workspaceRoot: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress: (line: string) => void;
}

/** The parts of the testcontainers API used here, so the package stays an optional install. */
interface StartedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
  exec(command: readonly string[]): Promise<{ output: string; exitCode: number }>;
  stop(): Promise<unknown>;
}
interface ContainerBuilder {
  withPrivilegedMode(): ContainerBuilder;
  withCommand(command: readonly string[]): ContainerBuilder;
  withExposedPorts(...ports: (number | { container: number; host: number })[]): ContainerBuilder;
  withEnvironment(env: Record<string, string>): ContainerBuilder;
  withNetwork(network: unknown): ContainerBuilder;
  withNetworkAliases(...aliases: string[]): ContainerBuilder;
  withWaitStrategy(strategy: unknown): ContainerBuilder;
  start(): Promise<StartedContainer>;
}
interface TestcontainersModule {
  GenericContainer: new (image: string) => ContainerBuilder;
  Network: new () => { start(): Promise<{ stop(): Promise<unknown> }> };
  Wait: { forLogMessage(message: string | RegExp): unknown };
}

async function loadTestcontainers(): Promise<TestcontainersModule> {
  // A computed specifier: the package is optional and absent from the workspace unless a Docker user adds it.
  const specifier = ['test', 'containers'].join('');
  try {
    return (await import(specifier)) as TestcontainersModule;
  } catch {
    throw new ProviderUnavailable('the testcontainers package is not installed: `flock /tmp/kubeless-npm.lock npm install --save-exact testcontainers@11.8.1`');
  }
}

function helm(args: readonly string[], kubeconfig: string): void {
  const result = spawnSync('helm', [...args, '--kubeconfig', kubeconfig], { encoding: 'utf8' });
  if (result.error) throw new ProviderUnavailable(`helm is needed to install the chart into k3s: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`helm ${args.join(' ')} failed: ${result.stderr}`);
}

/**
 * k3s and Kafka as containers, the kubeless chart installed with helm, then
 * the same checks as the cluster provider. Only for people with Docker: it is
 * never what CI relies on, and it says so plainly when it cannot run.
 */
export async function startTestcontainers(options: TestcontainersOptions): Promise<RunningTarget> {
  const docker = await probeDocker(options.env);
  if (!docker.reachable) throw new ProviderUnavailable(docker.reason);
  const tc = await loadTestcontainers();
  options.progress(`[e2e] ${docker.reason}; starting ${K3S_IMAGE} and ${KAFKA_IMAGE}`);
  const network = await new tc.Network().start();
  const stops: (() => Promise<unknown>)[] = [() => network.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    // Kafka hands clients the advertised address, so the host port is fixed up front, not mapped at random.
    const kafkaPort = await freePort();
    const kafka = await new tc.GenericContainer(KAFKA_IMAGE)
      .withNetwork(network)
      .withNetworkAliases('kafka')
      .withExposedPorts({ container: 9092, host: kafkaPort })
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_LISTENERS: 'HOST://:9092,CLUSTER://:19092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: `HOST://localhost:${kafkaPort},CLUSTER://kafka:19092`,
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'HOST:PLAINTEXT,CLUSTER:PLAINTEXT,CONTROLLER:PLAINTEXT',
        KAFKA_INTER_BROKER_LISTENER_NAME: 'CLUSTER',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      })
      .withWaitStrategy(tc.Wait.forLogMessage('Kafka Server started'))
      .start();
    stops.push(() => kafka.stop());
    const k3s = await new tc.GenericContainer(K3S_IMAGE)
      .withPrivilegedMode()
      .withNetwork(network)
      .withCommand(['server', '--disable=traefik', '--tls-san=127.0.0.1'])
      .withExposedPorts(6443)
      .withWaitStrategy(tc.Wait.forLogMessage(/Node controller sync successful/))
      .start();
    stops.push(() => k3s.stop());
    const raw = await k3s.exec(['cat', '/etc/rancher/k3s/k3s.yaml']);
    const dir = mkdtempSync(join(tmpdir(), 'kubeless-e2e-k3s-'));
    const kubeconfigPath = join(dir, 'kubeconfig');
    writeFileSync(kubeconfigPath, raw.output.replace(/https:\/\/127\.0\.0\.1:6443/g, `https://${k3s.getHost()}:${k3s.getMappedPort(6443)}`), { mode: 0o600 });
    const chart = options.env['E2E_CHART'] ?? join(options.workspaceRoot, 'deploy', 'charts', 'kubeless');
    helm(['upgrade', '--install', 'kubeless', chart, '--namespace', 'kubeless', '--create-namespace', '--wait', '--set', 'kafka.brokers=kafka:19092'], kubeconfigPath);
    const brokers = `localhost:${kafkaPort}`;
    return {
      target: { provider: Providers.TESTCONTAINERS, workspaceRoot: options.workspaceRoot, kubeconfigPath, brokers, cli: cliCommand(options.workspaceRoot, options.env) },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
