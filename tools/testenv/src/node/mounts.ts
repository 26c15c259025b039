import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Mount points at or below `dir`, deepest first, from /proc/self/mounts (octal escapes decoded). */
export function mountsBelow(dir: string, mountsText: string = readFileSync('/proc/self/mounts', 'utf8')): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return mountsText
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .map((field) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))))
    .filter((point) => point === dir || point.startsWith(prefix))
    .sort((a, b) => b.length - a.length);
}

/**
 * The kubelet and containerd leave volume, overlay and network-namespace
 * mounts behind when stopped; lazily unmounting them lets the folder go.
 */
export async function unmountBelow(dir: string): Promise<void> {
  for (const point of mountsBelow(dir)) await run('umount', ['-l', point]).catch(() => undefined);
}

/** Network namespaces the CRI plugin bind-mounts under /run/netns (`cni-<uuid>`), left when containers are killed. */
export async function removeCniNetworkNamespaces(netnsDir = '/run/netns'): Promise<void> {
  for (const point of mountsBelow(netnsDir).filter((p) => /\/cni-[0-9a-f-]+$/.test(p))) {
    await run('umount', ['-l', point]).catch(() => undefined);
    await run('rm', ['-f', point]).catch(() => undefined);
  }
}
