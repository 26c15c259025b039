import { readdirSync, readFileSync } from 'node:fs';
import { removeCniNetworkNamespaces, unmountBelow } from './mounts.js';

/** A node's data folder is `<control-plane data>/node`; its containerd is started with `<that>/containerd/config.toml`. */
const NODE_DIR = /(\/\S*\/kubeless-ts-cp-[^/]+\/node)\//;

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function killTree(pid: number): void {
  for (const child of children(pid)) killTree(child);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * A run that died without stopping (SIGKILL, a crash) leaves shims, their
 * containers and mounts behind; the watchdog only knows the daemons. Only one
 * node can exist at a time (its addresses are fixed), so when a live node
 * containerd is found the caller is told to stop it first, and anything else
 * of an earlier node is swept away.
 */
export async function sweepStaleNode(): Promise<void> {
  const all = pids();
  const live = all.filter((pid) => {
    const args = cmdline(pid);
    return args[0]?.endsWith('containerd') === true && args.some((a) => NODE_DIR.test(a));
  });
  if (live.length > 0) {
    const dir = cmdline(live[0] ?? 0).find((a) => NODE_DIR.test(a)) ?? '';
    throw new Error(
      `another real node is running (containerd pid ${live[0]}, ${dir}): stop that test environment first (one node at a time)`,
    );
  }
  const staleDirs = new Set<string>();
  for (const pid of all) {
    const args = cmdline(pid);
    if (!args[0]?.endsWith('containerd-shim-runc-v2')) continue;
    const match = args.map((a) => NODE_DIR.exec(a)).find((m) => m !== null);
    if (!match?.[1]) continue;
    staleDirs.add(match[1]);
    killTree(pid);
  }
  for (const line of readFileSync('/proc/self/mounts', 'utf8').split('\n')) {
    const match = NODE_DIR.exec(line.split(' ')[1] ?? '');
    if (match?.[1]) staleDirs.add(match[1]);
  }
  for (const dir of staleDirs) await unmountBelow(dir);
  await removeCniNetworkNamespaces();
}
