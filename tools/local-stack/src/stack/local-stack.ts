import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crdManifest, defaultKubelessConfigData, ResourceKinds } from '@kubeless-ts/api';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { freePort, ManagedProcess, startEnvironment, waitUntil, type Environment } from '@kubeless-ts/testenv';
import { startFunctionHost, type RunningFunctionHost } from '../function-host/function-host.js';
import { bundleOf, components, rulesOf } from './components.js';
import { nxBuild } from './nx-build.js';
import { provisionIdentity } from './controller-identity.js';

export const KUBELESS_NAMESPACE = 'kubeless';

export interface LocalStackOptions {
  readonly workspaceRoot: string;
  readonly progress: (line: string) => void;
  /** Skip `nx build` (the bundles are already fresh). */
  readonly skipBuild?: boolean;
}

export interface LocalStack {
  readonly kubeconfigPath: string;
  readonly brokers: string;
  readonly gatewayUrl: string;
  readonly cli: readonly string[];
  readonly clients: KubeClients;
  readonly processes: readonly ManagedProcess[];
  /** Resident memory of every process of the stack, in MiB. */
  memoryMiB(): number;
  stop(): Promise<void>;
}

export const BUILT_APPS = ['runtime-nodejs', 'cli', ...components.map((c) => c.app)];

function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Children of a pid, recursively (function pods run as process groups under us). */
function descendants(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return children.flatMap((c) => [c, ...descendants(c)]);
  } catch {
    return [];
  }
}

/**
 * Everything Kubeless needs, on this machine: the real control plane and
 * Kafka, the CRDs and kubeless-config, each controller and the Kafka consumer
 * as a process with its own least-privilege ServiceAccount token, and the
 * local function host that runs function pods and routes HTTP to them.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { workspaceRoot, progress } = options;
  const [environment] = await Promise.all([
    startEnvironment({ progress }),
    options.skipBuild ? Promise.resolve() : nxBuild(workspaceRoot, BUILT_APPS, progress),
  ]);
  const cleanup: (() => Promise<unknown>)[] = [() => environment.stop()];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    return await assemble(environment, options, cleanup, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function assemble(
  environment: Environment,
  options: LocalStackOptions,
  cleanup: (() => Promise<unknown>)[],
  stop: () => Promise<void>,
): Promise<LocalStack> {
  const { workspaceRoot, progress } = options;
  const kubeconfigPath = environment.controlPlane.kubeconfigPath;
  const brokers = environment.env['KUBELESS_TS_KAFKA_BROKERS'] ?? '';
  const clients = await createKubeClients({ kubeconfig: kubeconfigPath, fieldManager: 'kubeless-local-stack' });
  const stateDir = join(environment.controlPlane.dataDir, 'local-stack');
  mkdirSync(stateDir, { recursive: true });

  progress('[stack] installing CRDs and kubeless-config');
  await clients.installCrds(Object.values(ResourceKinds).map((k) => crdManifest(k.kind) as never));
  await clients.namespaces.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: KUBELESS_NAMESPACE } },
    { force: true },
  );
  await clients.configMaps.apply(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kubeless-config', namespace: KUBELESS_NAMESPACE },
      data: defaultKubelessConfigData({ provisionImage: 'kubeless-ts/provision:latest' }),
    },
    { force: true },
  );

  progress('[stack] starting the local function host');
  const host: RunningFunctionHost = await startFunctionHost({
    clients,
    workspaceRoot,
    stateDir: join(stateDir, 'host'),
    kubeletClientCa: environment.controlPlane.pki.caCert,
    logger: createLogger({ name: 'function-host', level: 'warn' }),
  });
  cleanup.push(() => host.stop());
  await host.ready;

  const processes: ManagedProcess[] = [];
  const started: { proc: ManagedProcess; port: number }[] = [];
  for (const component of components) {
    const bundle = bundleOf(workspaceRoot, component.app);
    if (!existsSync(bundle)) throw new Error(`${component.app} is not built (${bundle} missing)`);
    const kubeconfig = await provisionIdentity({
      clients,
      name: component.identity,
      namespace: KUBELESS_NAMESPACE,
      rulesFile: rulesOf(workspaceRoot, component.app),
      server: environment.controlPlane.server,
      caFile: environment.controlPlane.pki.caCert,
      dir: stateDir,
    });
    const port = await freePort();
    const proc = new ManagedProcess({
      name: component.app,
      command: process.execPath,
      args: [bundle, `--kubeconfig=${kubeconfig}`, `--health-port=${port}`],
      logFile: join(stateDir, `${component.app}.log`),
      env: {
        ...process.env,
        KUBECONFIG: kubeconfig,
        KUBELESS_NAMESPACE,
        KUBELESS_CONFIG: 'kubeless-config',
        KAFKA_BROKERS: brokers,
        HEALTH_PORT: String(port),
        ...(component.extraEnv?.({ gatewayUrl: host.gatewayUrl, brokers }) ?? {}),
      },
    });
    proc.start();
    processes.push(proc);
    cleanup.push(() => proc.stop());
    progress(
      `[stack] started ${component.app} as ServiceAccount ${KUBELESS_NAMESPACE}/${component.identity} (health :${port})`,
    );
    started.push({ proc, port });
  }
  // A component that dies at start-up (bad flag, missing permission) must stop the stack
  // with its own words, not leave a walk-through waiting for something that never happens.
  for (const { proc, port } of started) {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, {
      what: proc.options.name,
      timeoutMs: 60_000,
      aborted: () => (proc.running ? undefined : `exited at start-up; log tail:\n${proc.logTail(15)}`),
    });
  }

  return {
    kubeconfigPath,
    brokers,
    gatewayUrl: host.gatewayUrl,
    cli: [process.execPath, join(workspaceRoot, 'dist', 'apps', 'cli', 'kubeless.mjs')],
    clients,
    processes,
    memoryMiB() {
      const pids = [process.pid, ...processes.map((p) => p.pid ?? 0)];
      const all = new Set(pids.flatMap((p) => [p, ...descendants(p)]));
      return [...all].reduce((sum, pid) => sum + rssMiB(pid), 0);
    },
    stop,
  };
}
