/**
 * Integration harness: the bundled CLI as a real process, the function
 * controller as a real process (from its own bundle), CRDs from deploy/crds,
 * and namespaces of our own on the shared apiserver.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { defaultKubelessConfigData } from '@kubeless-ts/api';
import type { CustomResourceDefinition, KubeClients } from '@kubeless-ts/k8s';
import { freePort, workspaceRoot } from '@kubeless-ts/testenv';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...args],
      { env, cwd: workspaceRoot, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Builds both bundles into a fresh directory, so the test runs what `build` produces, never a stale dist/. */
export async function buildBundles(): Promise<{ cli: string; controller: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeless-cli-int-'));
  const results = await Promise.all([
    node(['apps/cli/tools/bundle.mjs', join(dir, 'cli')]),
    node(['tools/scripts/bundle-node-app.mjs', 'apps/function-controller', join(dir, 'controller')]),
  ]);
  for (const result of results) if (result.code !== 0) throw new Error(`bundle failed: ${result.stderr}`);
  return { cli: join(dir, 'cli', 'kubeless.mjs'), controller: join(dir, 'controller', 'main.mjs') };
}

export class KubelessCli {
  constructor(
    private readonly bundle: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return node([this.bundle, ...args], { ...this.env, ...extraEnv });
  }

  async ok(args: readonly string[]): Promise<string> {
    const result = await this.run(args);
    if (result.code !== 0) throw new Error(`kubeless ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function adminClients(kubeconfig: string): Promise<KubeClients> {
  // Loaded lazily here as in the CLI itself (the module-boundary rule wants one style per lib).
  const { createKubeClients } = await import('@kubeless-ts/k8s');
  return createKubeClients({ kubeconfig, fieldManager: 'kubeless-cli-int' });
}

export async function installKubelessCrds(clients: KubeClients): Promise<void> {
  const dir = join(workspaceRoot, 'deploy', 'crds');
  const manifests = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => load(readFileSync(join(dir, file), 'utf8')) as CustomResourceDefinition);
  await clients.installCrds(manifests);
}

export async function createNamespace(clients: KubeClients, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await clients.namespaces.create({ metadata: { name } });
  return name;
}

/** kubeless-config in its own namespace, scoped to the functions namespace so other suites' functions are left alone. */
export async function createKubelessConfig(
  clients: KubeClients,
  kubelessNamespace: string,
  functionsNamespace: string,
): Promise<void> {
  const data = defaultKubelessConfigData({ imageRepository: 'registry.test/kubeless-ts', functionsNamespace });
  await clients.configMaps.create({ metadata: { name: 'kubeless-config', namespace: kubelessNamespace }, data });
}

export interface RunningController {
  stop(): Promise<void>;
}

export async function startController(
  bundle: string,
  kubeconfig: string,
  kubelessNamespace: string,
  logFile: string,
): Promise<RunningController> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [bundle, '--kubeconfig', kubeconfig, '--leader-elect=false', '--health-port', String(port)],
    {
      env: {
        ...process.env,
        KUBELESS_NAMESPACE: kubelessNamespace,
        KUBELESS_CONFIG: 'kubeless-config',
        KUBELESS_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
