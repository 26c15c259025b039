import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ProgressSink } from '../provision.js';
import { cacheRoot, pinnedVersions, testenvRoot, type PinnedVersions } from '../versions.js';

export interface NodeAddonBinaries {
  readonly coredns: string;
  readonly traefik: string;
}

/** Where build-node-addons.sh puts the binaries; the folder name carries both versions. */
export function nodeAddonBinDir(versions: Pick<PinnedVersions, 'coredns' | 'traefik'> = pinnedVersions(), cache: string = cacheRoot()): string {
  return join(cache, `addons-coredns-${versions.coredns}-traefik-${versions.traefik}`, 'bin');
}

/** Builds CoreDNS and Traefik from Go modules once (the script is idempotent) and returns their paths. */
export async function provisionNodeAddons(options: { progress?: ProgressSink } = {}): Promise<NodeAddonBinaries> {
  const progress = options.progress ?? (() => undefined);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', [join(testenvRoot, 'scripts', 'build-node-addons.sh')], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      else reject(new Error(`build-node-addons.sh failed (exit ${code}); it needs Go and the Go module proxy:\n${lines.slice(-30).join('\n')}`));
    });
  });
  const bin = nodeAddonBinDir();
  return { coredns: join(bin, 'coredns'), traefik: join(bin, 'traefik') };
}
