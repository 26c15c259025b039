/**
 * What the controller benches measure besides wall time: this process's CPU per piece of work. Another
 * process's CPU and the machine line come from the bench kit, as in every benchmark.
 */

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

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
