import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, workspaceRoot } from '@kubeless-ts/testenv';
import type { Manifest } from './rendered-chart.js';
import { podSpecOf } from './pod-security.js';

interface ContainerEnv {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string }; readonly secretKeyRef?: unknown };
}

/**
 * The controller's main.ts as a process, configured from the Deployment the
 * chart installed (its args and env, with the downward API resolved), and
 * authenticated with a token of the chart's ServiceAccount instead of the
 * in-cluster one: what the pod would run, minus the kubelet.
 */
export interface ChartControllerOptions {
  readonly app: string;
  readonly deployment: Manifest;
  readonly kubeconfigPath: string;
  readonly tokenFile: string;
}

export interface ChartController {
  readonly healthPort: number;
  readonly args: readonly string[];
  output(): string;
  stop(): Promise<void>;
}

function resolveEnv(variables: readonly ContainerEnv[], namespace: string, podName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of variables) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') env[variable.name] = namespace;
    else if (variable.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[variable.name] = podName;
    else throw new Error(`cannot resolve env ${variable.name} outside a pod`);
  }
  return env;
}

export async function startChartController(options: ChartControllerOptions): Promise<ChartController> {
  const container = podSpecOf(options.deployment).containers[0] as unknown as { args?: string[]; env?: ContainerEnv[] };
  const healthPort = await freePort();
  // The pod's port is fixed; here several processes share one host.
  const args = (container.args ?? []).map((arg) =>
    arg.startsWith('--health-port=') ? `--health-port=${healthPort}` : arg,
  );
  const namespace = options.deployment.metadata.namespace ?? 'default';
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    ...resolveEnv(container.env ?? [], namespace, `${options.app}-local`),
    KUBECONFIG: options.kubeconfigPath,
    KUBELESS_TOKEN_FILE_PATH: options.tokenFile,
  };
  const tsx = join(workspaceRoot, 'node_modules', '.bin', 'tsx');
  const main = join(workspaceRoot, 'apps', options.app, 'src', 'main.ts');
  const child: ChildProcess = spawn(
    tsx,
    ['--tsconfig', join(workspaceRoot, 'apps', options.app, 'tsconfig.json'), main, ...args],
    { cwd: workspaceRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    healthPort,
    args,
    output: () => text,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
