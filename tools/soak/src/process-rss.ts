/**
 * Resident memory of a process and all its descendants, from /proc (Linux, like the dev machine):
 * the Python runtime serves from a forked worker, so the parent's VmRSS alone would miss most of it.
 */
import { readdirSync, readFileSync } from 'node:fs';

function childrenByParent(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses; the fields after the last ") " do not.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while the table was read
    }
  }
  return byParent;
}

export function processTree(pid: number): number[] {
  const byParent = childrenByParent();
  const all: number[] = [];
  const walk = (p: number): void => {
    all.push(p);
    for (const child of byParent.get(p) ?? []) walk(child);
  };
  walk(pid);
  return all;
}

function vmRssKiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** VmRSS of `pid` and its descendants, in MiB; 0 once the process is gone. */
export function treeRssMiB(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + vmRssKiB(p), 0) / 1024;
}
