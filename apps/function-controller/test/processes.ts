/** The controller and the kubeless CLI as real processes, run from source with tsx (as `npx tsx` would, minus the npx wrapper). */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sharedEnvironment } from '@kubeless-ts/testenv';

const workspace = join(import.meta.dirname, '..', '..', '..');

export interface ControllerProcess {
  readonly child: ChildProcess;
  output(): string;
}

/** The real program, so SIGTERM and the exit code are the controller's own. */
export function startControllerProcess(kubelessNs: string): ControllerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/function-controller/src/main.ts', '--leader-elect=false', '--health-port=0'],
    {
      cwd: workspace,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: 'apps/function-controller/tsconfig.json',
        KUBECONFIG: sharedEnvironment().kubeconfigPath,
        KUBELESS_NAMESPACE: kubelessNs,
        KUBELESS_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export async function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kubeless <args>` against the shared apiserver. */
export function runKubeless(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      TSX_TSCONFIG_PATH: 'apps/cli/tsconfig.json',
      KUBECONFIG: sharedEnvironment().kubeconfigPath,
      NO_COLOR: '1',
    };
    execFile(
      process.execPath,
      ['--import', 'tsx', 'apps/cli/src/main.ts', ...args],
      { cwd: workspace, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
      },
    );
  });
}
