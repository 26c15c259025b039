import { connectCluster } from './cluster-provider.js';
import { Providers, type RunningTarget } from './e2e-target.js';
import { startLocalProvider } from './local-provider.js';
import { startNodeProvider } from './node-provider.js';
import { providerFromEnv } from './provider-choice.js';

export interface StartTargetOptions {
  readonly workspaceRoot: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress: (line: string) => void;
}

const truthy = (value: string | undefined) => ['1', 'true', 'yes'].includes((value ?? '').toLowerCase());

/** Starts (local, node) or connects (cluster) the target named by E2E_PROVIDER. */
export function startTarget(options: StartTargetOptions): Promise<RunningTarget> {
  const { env, progress } = options;
  // Another checkout (e.g. one with unreleased bundles) may host the local stack.
  const workspaceRoot = env['E2E_WORKSPACE_ROOT'] || options.workspaceRoot;
  switch (providerFromEnv(env)) {
    case Providers.LOCAL:
      return startLocalProvider({ workspaceRoot, progress, skipBuild: truthy(env['E2E_SKIP_BUILD']) });
    case Providers.NODE:
      return startNodeProvider({ workspaceRoot, progress, skipBuild: truthy(env['E2E_SKIP_BUILD']) });
    case Providers.CLUSTER:
      return connectCluster({ workspaceRoot, env, progress });
  }
}
