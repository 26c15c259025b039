// Real processes for integration tests: the trigger controller (tsx) and consumer replicas (the esbuild bundle).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, workspaceRoot } from '@kubeless-ts/testenv';
import { adminClients } from './cluster-harness.js';

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly healthPort: number;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** The kernel's free loopback port (testenv's), under the name the specs use. */
export const freeTcpPort = freePort;

let bundle: string | undefined;

/** Bundles apps/kafka-consumer once per test file, as the `build` target does. */
export function consumerBundle(): string {
  if (bundle !== undefined) return bundle;
  const root = workspaceRoot;
  const out = join(root, 'tmp', `kafka-consumer-test-${process.pid}`, 'main.mjs');
  const banner =
    "import { createRequire as __r } from 'node:module'; import { fileURLToPath as __p } from 'node:url'; import { dirname as __d } from 'node:path'; const require = __r(import.meta.url); const __filename = __p(import.meta.url); const __dirname = __d(__filename);";
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      'apps/kafka-consumer/src/main.ts',
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--format=esm',
      '--log-level=warning',
      `--outfile=${out}`,
      `--banner:js=${banner}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  bundle = out;
  return out;
}

export async function spawnChild(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  healthPort: number,
): Promise<Child> {
  const child = spawn(command, args, {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    process: child,
    exited,
    healthPort,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

// 60 s: started through tsx on two shared cores, a controller has needed more than 30 s to answer.
export async function waitHealthy(child: Child, path = '/healthz', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null)
      throw new Error(`${child.name} exited with ${child.process.exitCode}:\n${child.output()}`);
    const ok = await fetch(`http://127.0.0.1:${child.healthPort}${path}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} not healthy in ${timeoutMs} ms:\n${child.output()}`);
}

/**
 * A child that never gets ready is stopped, not left behind: it would outlive the spec and keep jest
 * waiting. SIGTERM, as every spec stops these: tsx passes it on to its node process, SIGKILL would
 * orphan that process.
 */
async function readyOrStopped(child: Child): Promise<void> {
  try {
    await waitHealthy(child, '/readyz');
  } catch (error: unknown) {
    await child.kill('SIGTERM');
    throw error;
  }
}

/**
 * A kubeless-config in the test namespace that opts in to any topic (ADR 0023), for the processes
 * started below (KUBELESS_NAMESPACE points them at it): the specs name topics `<purpose>-<ns>`,
 * outside the default `<namespace>.*` policy.
 */
export async function optInToAnyTopic(namespace: string): Promise<void> {
  const admin = await adminClients();
  await admin.configMaps.apply({
    metadata: { name: 'kubeless-config', namespace },
    data: { 'kafka-trigger-allowed-topics': '*' },
  });
}

/** The real trigger controller as a child process (tsx), watching one namespace. */
export async function startTriggerController(options: {
  kubeconfig: string;
  brokers: readonly string[];
  namespace: string;
}): Promise<Child> {
  await optInToAnyTopic(options.namespace);
  const port = await freeTcpPort();
  const root = workspaceRoot;
  const child = await spawnChild(
    'kafka-trigger-controller',
    join(root, 'node_modules/.bin/tsx'),
    [
      '--tsconfig',
      'apps/kafka-trigger-controller/tsconfig.json',
      'apps/kafka-trigger-controller/src/main.ts',
      '--leader-elect=false',
      `--watch-namespace=${options.namespace}`,
      '--topic-recheck-seconds=1',
      `--health-port=${port}`,
    ],
    { KUBECONFIG: options.kubeconfig, KAFKA_BROKERS: options.brokers.join(','), KUBELESS_NAMESPACE: options.namespace },
    port,
  );
  await readyOrStopped(child);
  return child;
}

export interface ReplicaOptions {
  readonly kubeconfig: string;
  readonly tokenFile: string;
  readonly brokers: readonly string[];
  readonly namespace: string;
  readonly env?: Record<string, string>;
}

/** One consumer replica from the bundle, authenticated with the RBAC-bound token. */
export async function startConsumerReplica(name: string, options: ReplicaOptions): Promise<Child> {
  await optInToAnyTopic(options.namespace);
  const port = await freeTcpPort();
  const child = await spawnChild(
    name,
    process.execPath,
    [consumerBundle(), `--watch-namespace=${options.namespace}`, `--health-port=${port}`],
    {
      KUBECONFIG: options.kubeconfig,
      KUBELESS_TOKEN_FILE_PATH: options.tokenFile,
      KAFKA_BROKERS: options.brokers.join(','),
      KUBELESS_NAMESPACE: options.namespace,
      ...options.env,
    },
    port,
  );
  await readyOrStopped(child);
  return child;
}
