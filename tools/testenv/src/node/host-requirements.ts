import { existsSync, readFileSync } from 'node:fs';
import { runScript, type ProgressSink } from '../provision.js';

/** Why this machine cannot run a real node, or undefined when it can. */
export function nodeHostProblem(): string | undefined {
  if (process.getuid?.() !== 0) return 'a real node needs root (containerd, network namespaces, iptables)';
  const filesystems = readFileSync('/proc/filesystems', 'utf8');
  if (!/\boverlay\b/.test(filesystems))
    return "the kernel has no overlay filesystem (containerd's snapshotter needs it)";
  if (!existsSync('/sys/fs/cgroup/memory') && !existsSync('/sys/fs/cgroup/cgroup.controllers'))
    return 'no memory cgroup is mounted under /sys/fs/cgroup';
  if (!existsSync('/proc/sys/net/bridge/bridge-nf-call-iptables'))
    return 'the kernel has no bridge netfilter (net.bridge.bridge-nf-call-iptables is missing)';
  if (!existsSync('/proc/self/ns/net')) return 'the kernel has no network namespaces';
  return undefined;
}

export function checkNodeHost(): void {
  const problem = nodeHostProblem();
  if (problem) throw new Error(`cannot start a real node on this machine: ${problem}`);
}

/** Runs the idempotent Debian package install (containerd, runc, CNI plugins, registry, skopeo). */
export function installNodePackages(progress: ProgressSink): Promise<void> {
  return runScript('install-node-packages.sh', progress);
}
