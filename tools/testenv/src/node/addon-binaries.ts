import { join } from 'node:path';
import { runScript, type ProgressSink } from '../provision.js';
import { cacheRoot, pinnedVersions, type PinnedVersions } from '../versions.js';

export interface NodeAddonBinaries {
  readonly coredns: string;
  readonly traefik: string;
}

/** Where build-node-addons.sh puts the binaries; the folder name carries both versions. */
export function nodeAddonBinDir(
  versions: Pick<PinnedVersions, 'coredns' | 'traefik'> = pinnedVersions(),
  cache: string = cacheRoot(),
): string {
  return join(cache, `addons-coredns-${versions.coredns}-traefik-${versions.traefik}`, 'bin');
}

/** Builds CoreDNS and Traefik from Go modules once (the script is idempotent) and returns their paths. */
export async function provisionNodeAddons(options: { progress?: ProgressSink } = {}): Promise<NodeAddonBinaries> {
  const progress = options.progress ?? (() => undefined);
  await runScript('build-node-addons.sh', progress).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n(it needs Go and the Go module proxy)`);
  });
  const bin = nodeAddonBinDir();
  return { coredns: join(bin, 'coredns'), traefik: join(bin, 'traefik') };
}
