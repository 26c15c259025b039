import { buildImages } from '@kubeless-ts/images';
import { startNodeStack } from '@kubeless-ts/local-stack';
import { NODE_IP } from '@kubeless-ts/testenv';
import { Providers, type RunningTarget } from './e2e-target.js';

export interface NodeProviderOptions {
  readonly workspaceRoot: string;
  readonly progress: (line: string) => void;
  /** The CLI bundle in dist/ is fresh (the caller built it). */
  readonly skipBuild: boolean;
}

/**
 * The real thing on this machine: images built from the project's
 * Dockerfiles, a node running them under containerd, the chart installed by
 * helm. Calls go through the apiserver's service proxy (no gateway), HTTP
 * triggers through the Ingress controller.
 */
export async function startNodeProvider(options: NodeProviderOptions): Promise<RunningTarget> {
  const stack = await startNodeStack({
    workspaceRoot: options.workspaceRoot,
    progress: options.progress,
    skipBuild: options.skipBuild,
    buildImages: (progress) => buildImages({ progress }),
  });
  return {
    target: {
      provider: Providers.NODE,
      workspaceRoot: options.workspaceRoot,
      kubeconfigPath: stack.kubeconfigPath,
      brokers: stack.brokers,
      ingressUrl: stack.ingressUrl,
      hostAddress: NODE_IP,
      registry: stack.environment.node?.registry,
      cli: stack.cli,
    },
    memoryMiB: () => stack.memoryMiB(),
    stop: () => stack.stop(),
  };
}
