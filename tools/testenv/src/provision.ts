import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, pinnedVersions, testenvRoot } from './versions.js';

export interface ControlPlaneBinaries {
  readonly kubeApiserver: string;
  readonly etcd: string;
  /** Absent when KUBEBUILDER_ASSETS provides only the apiserver and etcd. */
  readonly kubeControllerManager?: string;
  readonly kubeScheduler?: string;
  readonly kubectl?: string;
  /** Built from the same Kubernetes version; absent when KUBEBUILDER_ASSETS supplies the control plane. */
  readonly kubelet?: string;
  readonly kubeProxy?: string;
}

export type ProgressSink = (line: string) => void;

/** Runs one of tools/testenv/scripts, passing its `[testenv]` lines on; the error carries the output's tail. */
export function runScript(script: string, progress: ProgressSink): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(testenvRoot, 'scripts', script)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        if (line.startsWith('[testenv]')) progress(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${script} failed (exit ${code}):\n${lines.slice(-30).join('\n')}`));
    });
  });
}

/**
 * Finds or builds the control-plane binaries. KUBEBUILDER_ASSETS (the envtest
 * convention) wins for the apiserver and etcd so users with setup-envtest
 * need no Go toolchain; the controller-manager and scheduler are then taken
 * from there if present, or built.
 */
export async function provisionControlPlane(
  options: { progress?: ProgressSink; needControllers?: boolean } = {},
): Promise<ControlPlaneBinaries> {
  const progress = options.progress ?? (() => undefined);
  const bin = join(cacheRoot(), `k8s-${pinnedVersions().kubernetes}`, 'bin');
  const assets = process.env['KUBEBUILDER_ASSETS'];
  if (assets && existsSync(join(assets, 'kube-apiserver')) && existsSync(join(assets, 'etcd'))) {
    const has = (name: string) => (existsSync(join(assets, name)) ? join(assets, name) : undefined);
    const cm = has('kube-controller-manager');
    if (cm || options.needControllers === false) {
      return {
        kubeApiserver: join(assets, 'kube-apiserver'),
        etcd: join(assets, 'etcd'),
        kubeControllerManager: cm,
        kubeScheduler: has('kube-scheduler'),
        kubectl: has('kubectl'),
      };
    }
    progress(`[testenv] KUBEBUILDER_ASSETS has no kube-controller-manager; building the full set`);
  }
  await runScript('build-k8s.sh', progress);
  return {
    kubeApiserver: join(bin, 'kube-apiserver'),
    etcd: join(bin, 'etcd'),
    kubeControllerManager: join(bin, 'kube-controller-manager'),
    kubeScheduler: join(bin, 'kube-scheduler'),
    kubectl: join(bin, 'kubectl'),
    kubelet: join(bin, 'kubelet'),
    kubeProxy: join(bin, 'kube-proxy'),
  };
}

/** Resolves the Kafka broker classpath with Maven (cached). */
export async function provisionKafka(
  options: { progress?: ProgressSink } = {},
): Promise<{ readonly classpath: string }> {
  await runScript('fetch-kafka.sh', options.progress ?? (() => undefined));
  return { classpath: join(cacheRoot(), `kafka-${pinnedVersions().kafka}`, 'libs', '*') };
}
