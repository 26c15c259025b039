// Wall-time sampling shared by the CLI benchmarks: interleaved runs, medians, printed never asserted.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);

export interface Timed {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

function timeOnce(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return elapsed;
}

function stats(samples: readonly number[]): { median: number; p90: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p90: at(0.9), min: sorted[0] ?? 0 };
}

export const format = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

function report(label: string, samples: readonly number[]): number {
  const { median, p90, min } = stats(samples);
  process.stdout.write(`${label.padEnd(44)} median ${format(median)}   p90 ${format(p90)}   min ${format(min)}\n`);
  return median;
}

/** Interleaved so load from other processes hits every command alike; resolves to the medians. */
export function compare(commands: readonly Timed[], env: NodeJS.ProcessEnv): number[] {
  for (const entry of commands) timeOnce(entry.command, entry.args, env);
  const samples = commands.map((): number[] => []);
  for (let run = 0; run < RUNS; run += 1)
    commands.forEach((entry, index) => samples[index]?.push(timeOnce(entry.command, entry.args, env)));
  return commands.map((entry, index) => report(entry.label, samples[index] ?? []));
}
