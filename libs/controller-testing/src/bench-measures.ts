/**
 * What the controller benches measure besides wall time: CPU (this process's, or another's from /proc) and
 * the machine they ran on, so a figure from a loaded 2-core machine says how loaded it was.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Wall time and this process's CPU time (user + system) of one piece of work. */
export interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
}

export async function timedWithCpu(work: () => Promise<unknown>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second. */
const TICKS_PER_SECOND = 100;

/** User + system CPU time of another process so far, in ms (Linux /proc). */
export function processCpuMs(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export interface BenchMachine {
  readonly cpu: string;
  readonly node: string;
  readonly date: string;
  readonly load: string;
}

export function benchMachine(): BenchMachine {
  const [one = 0, five = 0] = loadavg();
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: `${one.toFixed(1)} (1 min), ${five.toFixed(1)} (5 min)`,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
