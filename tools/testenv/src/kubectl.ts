import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, pinnedVersions } from './versions.js';

/** The kubectl built with the control plane (same version), else the one on PATH. */
export function kubectlPath(): string {
  const built = join(cacheRoot(), `k8s-${pinnedVersions().kubernetes}`, 'bin', 'kubectl');
  return existsSync(built) ? built : 'kubectl';
}

export function runKubectl(
  kubeconfigPath: string,
  args: readonly string[],
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      kubectlPath(),
      ['--kubeconfig', kubeconfigPath, ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}
