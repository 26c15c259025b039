import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tools/testenv, found from this file so callers may run from any folder. */
export const testenvRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const workspaceRoot = join(testenvRoot, '..', '..');

export interface PinnedVersions {
  readonly kubernetes: string;
  readonly etcd: string;
  readonly kafka: string;
  readonly coredns: string;
  readonly traefik: string;
  /** Debian's docker-registry package version (kubeless-ts/registry). */
  readonly registryDeb: string;
}

/** versions.sh is the single place versions are pinned; the shell scripts source it too. */
export function pinnedVersions(): PinnedVersions {
  const text = readFileSync(join(testenvRoot, 'scripts', 'versions.sh'), 'utf8');
  const read = (key: string): string => {
    const match = new RegExp(`^${key}=(\\S+)$`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`versions.sh does not pin ${key}`);
    return match[1];
  };
  return {
    kubernetes: read('K8S_VERSION'),
    etcd: read('ETCD_VERSION'),
    kafka: read('KAFKA_VERSION'),
    coredns: read('COREDNS_VERSION'),
    traefik: read('TRAEFIK_VERSION'),
    registryDeb: read('REGISTRY_DEB_VERSION'),
  };
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env['KUBELESS_TS_CACHE'] ?? join(homedir(), '.cache', 'kubeless-ts');
}
