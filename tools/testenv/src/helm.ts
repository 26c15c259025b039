import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, workspaceRoot } from './versions.js';

/** helm as tools/testenv/scripts/build-helm.sh builds it, at the version versions.sh pins. */
export function helmBinary(): string {
  const versions = readFileSync(join(workspaceRoot, 'tools', 'testenv', 'scripts', 'versions.sh'), 'utf8');
  const version = /^HELM_VERSION=(\S+)$/m.exec(versions)?.[1];
  if (version === undefined) throw new Error('tools/testenv/scripts/versions.sh does not pin HELM_VERSION');
  const path = join(cacheRoot(), `helm-${version}`, 'helm');
  if (!existsSync(path))
    throw new Error(`helm ${version} is not built at ${path}; run bash tools/testenv/scripts/build-helm.sh`);
  return path;
}

export interface HelmResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runHelm(
  args: readonly string[],
  options: { readonly kubeconfig?: string; readonly timeoutMs?: number } = {},
): Promise<HelmResult> {
  const env = {
    ...process.env,
    HELM_CACHE_HOME: join(cacheRoot(), 'helm-home', 'cache'),
    HELM_CONFIG_HOME: join(cacheRoot(), 'helm-home', 'config'),
    HELM_DATA_HOME: join(cacheRoot(), 'helm-home', 'data'),
  };
  const kube = options.kubeconfig === undefined ? [] : ['--kubeconfig', options.kubeconfig];
  return new Promise((resolve) => {
    execFile(
      helmBinary(),
      [...args, ...kube],
      { cwd: workspaceRoot, env, maxBuffer: 32 * 1024 * 1024, timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
