import { startLocalStack } from '@kubeless-ts/local-stack';
import { Providers, type RunningTarget } from './e2e-target.js';

export interface LocalProviderOptions {
  readonly workspaceRoot: string;
  readonly progress: (line: string) => void;
  /** The bundles in dist/ are fresh (the caller built them). */
  readonly skipBuild: boolean;
}

/**
 * The default target: the whole local stack (real apiserver, Kafka, the
 * controllers under their own RBAC, the function host and its gateway).
 */
export async function startLocalProvider(options: LocalProviderOptions): Promise<RunningTarget> {
  const stack = await startLocalStack({
    workspaceRoot: options.workspaceRoot,
    progress: options.progress,
    skipBuild: options.skipBuild,
  });
  return {
    target: {
      provider: Providers.LOCAL,
      workspaceRoot: options.workspaceRoot,
      kubeconfigPath: stack.kubeconfigPath,
      brokers: stack.brokers,
      gatewayUrl: stack.gatewayUrl,
      ingressUrl: stack.gatewayUrl,
      cli: stack.cli,
    },
    memoryMiB: () => stack.memoryMiB(),
    stop: () => stack.stop(),
  };
}
