// Time sampling shared by the CLI benchmarks: interleaved runs, medians, printed never asserted.
// Wall time is what a user waits; CPU time (user + system, from GNU time when the machine has it)
// is what the command costs, and moves far less when other work shares the cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const GNU_TIME = '/usr/bin/time';
const measuresCpu = existsSync(GNU_TIME);

export interface Timed {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

/** Medians of one command; `cpu` is NaN where the machine has no GNU time. */
export interface Figures {
  readonly wall: number;
  readonly cpu: number;
}

const scratch = mkdtempSync(join(tmpdir(), 'kubeless-bench-time-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

function timeOnce(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Figures {
  const cpuFile = join(scratch, 'cpu');
  const [file, argv] = measuresCpu
    ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  const result = spawnSync(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString()}`);
  const cpu = measuresCpu
    ? readFileSync(cpuFile, 'utf8')
        .trim()
        .split(/\s+/)
        .reduce((sum, seconds) => sum + Number(seconds) * 1000, 0)
    : Number.NaN;
  return { wall, cpu };
}

function stats(samples: readonly number[]): { median: number; p90: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p90: at(0.9), min: sorted[0] ?? 0 };
}

export const format = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;

/** `a / b` for wall and CPU medians, e.g. `2.10x wall, 1.95x CPU`. */
export function ratio(a: Figures | undefined, b: Figures | undefined): string {
  const of = (x: number | undefined, y: number | undefined) =>
    x === undefined || y === undefined || !Number.isFinite(x / y) ? 'n/a' : `${(x / y).toFixed(2)}x`;
  return `${of(a?.wall, b?.wall)} wall, ${of(a?.cpu, b?.cpu)} CPU`;
}

function report(label: string, samples: readonly Figures[]): Figures {
  const wall = stats(samples.map((sample) => sample.wall));
  const cpu = stats(samples.map((sample) => sample.cpu));
  process.stdout.write(
    `${label.padEnd(44)} median ${format(wall.median)}   p90 ${format(wall.p90)}   min ${format(wall.min)}` +
      (measuresCpu ? `   CPU median ${format(cpu.median)}\n` : '\n'),
  );
  return { wall: wall.median, cpu: cpu.median };
}

/** Interleaved so load from other processes hits every command alike; resolves to the medians. */
export function compare(commands: readonly Timed[], env: NodeJS.ProcessEnv): Figures[] {
  for (const entry of commands) timeOnce(entry.command, entry.args, env);
  const samples = commands.map((): Figures[] => []);
  for (let run = 0; run < RUNS; run += 1)
    commands.forEach((entry, index) => samples[index]?.push(timeOnce(entry.command, entry.args, env)));
  return commands.map((entry, index) => report(entry.label, samples[index] ?? []));
}
