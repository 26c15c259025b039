// The function-controller bench's printed lines and its docs section, from the figures of every round.
import type { BenchMachine } from '@kubeless-ts/bench-kit';
import { median, type Timed } from '@kubeless-ts/controller-testing';
import { describeWrites, totalWrites, type WriteCounts } from './api-writes.js';

/** A plain client's run: wall time, the bench process's CPU, the writes the API server served. */
export interface Run extends Timed {
  readonly writes: WriteCounts;
}

/** A controller run: also the controller process's CPU over the window, and its RSS at the end. */
export interface ControllerRun extends Run {
  readonly controllerCpuMs: number;
  readonly rss: { readonly rss: number; readonly peak: number };
}

export interface Round {
  readonly raw: Run;
  readonly byHandCatchUp: Run;
  readonly catchUp: ControllerRun;
  readonly byHandLive: Run;
  readonly live: ControllerRun & { readonly idleRss: number };
  /** The same controller runs with the BENCH_COMPARE_BUNDLE build (another revision), in the same round. */
  readonly compare?: { readonly catchUp: ControllerRun; readonly live: ControllerRun };
}

export interface Figures {
  readonly functions: number;
  readonly inFlight: number;
  readonly workers: number;
  readonly rounds: readonly Round[];
  readonly start: BenchMachine;
  readonly end: BenchMachine;
  /** What the BENCH_COMPARE_BUNDLE build is (BENCH_COMPARE_LABEL), for its rows. */
  readonly compareLabel?: string;
}

const x = (value: number): string => `${value.toFixed(2)}x`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const ratios = (f: Figures, of: (r: Round) => number, to: (r: Round) => number): number[] =>
  f.rounds.map((r) => of(r) / to(r));
const med = (f: Figures, of: (r: Round) => number): number => median(f.rounds.map(of));

interface Line {
  readonly label: string;
  readonly wall: number;
  readonly cpu: string;
  readonly writes: WriteCounts;
  readonly ratio: readonly number[];
  readonly note: string;
}

function lines(f: Figures): Line[] {
  const n = f.functions.toLocaleString('en-US');
  const last = f.rounds.at(-1);
  const byRaw = (of: (r: Round) => number): number[] => ratios(f, of, (r) => r.raw.ms);
  const controllerCpu = (of: (r: Round) => ControllerRun): string =>
    `${s(med(f, (r) => of(r).controllerCpuMs))} (controller)`;
  /** A plain client's run: the bench process's CPU. */
  const clientLine = (label: string, of: (r: Round) => Run): Line => ({
    label,
    wall: med(f, (r) => of(r).ms),
    cpu: `${s(med(f, (r) => of(r).cpuMs))} (bench)`,
    writes: last === undefined ? new Map() : of(last).writes,
    ratio: byRaw((r) => of(r).ms),
    note: '',
  });
  /** A controller run: the controller's CPU, and its ratio to the same writes by hand. */
  const controllerLine = (label: string, of: (r: Round) => ControllerRun, byHand: (r: Round) => Run): Line => ({
    label,
    wall: med(f, (r) => of(r).ms),
    cpu: controllerCpu(of),
    writes: last === undefined ? new Map() : of(last).writes,
    ratio: byRaw((r) => of(r).ms),
    note: `${x(
      median(
        ratios(
          f,
          (r) => of(r).ms,
          (r) => byHand(r).ms,
        ),
      ),
    )} by hand`,
  });
  return [
    clientLine(
      `raw client: ${(f.functions * 3).toLocaleString('en-US')} child creates (the issue's baseline)`,
      (r) => r.raw,
    ),
    clientLine(`by hand: the controller's writes for ${n} existing Functions`, (r) => r.byHandCatchUp),
    controllerLine(
      `**controller catch-up**: ${n} existing Functions → children`,
      (r) => r.catchUp,
      (r) => r.byHandCatchUp,
    ),
    clientLine(`by hand, live: ${n} Function creates, each with the controller's writes`, (r) => r.byHandLive),
    controllerLine(
      `**controller live**: create ${n} Functions → children`,
      (r) => r.live,
      (r) => r.byHandLive,
    ),
    ...compareLines(f, byRaw, controllerCpu),
  ];
}

/** The rows of the BENCH_COMPARE_BUNDLE build, when it ran. */
function compareLines(
  f: Figures,
  byRaw: (of: (r: Round) => number) => number[],
  controllerCpu: (of: (r: Round) => ControllerRun) => string,
): Line[] {
  const compared = f.rounds.flatMap((r) => (r.compare === undefined ? [] : [r.compare]));
  if (compared.length !== f.rounds.length) return [];
  const of =
    (pick: (c: NonNullable<Round['compare']>) => ControllerRun) =>
    (r: Round): ControllerRun =>
      pick(r.compare ?? { catchUp: r.catchUp, live: r.live });
  return (['catchUp', 'live'] as const).map((phase) => ({
    label: `${f.compareLabel ?? 'compare build (BENCH_COMPARE_BUNDLE)'}, ${phase === 'catchUp' ? 'catch-up' : 'live'}`,
    wall: med(f, (r) => of((c) => c[phase])(r).ms),
    cpu: controllerCpu(of((c) => c[phase])),
    writes: compared.at(-1)?.[phase].writes ?? new Map(),
    ratio: byRaw((r) => of((c) => c[phase])(r).ms),
    note: `this build ÷ it: ${x(median(f.rounds.map((r) => r[phase].ms / of((c) => c[phase])(r).ms)))} wall, ${x(median(f.rounds.map((r) => r[phase].controllerCpuMs / of((c) => c[phase])(r).controllerCpuMs)))} CPU`,
  }));
}

function headroom(f: Figures): string {
  const share = med(f, (r) => r.raw.cpuMs / r.raw.ms);
  return share < 0.5
    ? `the bench's writer used ${(share * 100).toFixed(0)} % of one core during the raw baseline, so the API server and etcd (on the same 2 cores), not the writer, set its pace`
    : `NOT far from a limit of its own: the bench's writer used ${(share * 100).toFixed(0)} % of one core during the raw baseline`;
}

function memory(f: Figures): string {
  return `Controller RSS idle ${med(f, (r) => r.live.idleRss).toFixed(0)} MiB (goal ≤ 70 MB), with ${f.functions.toLocaleString('en-US')} Functions ${med(f, (r) => r.live.rss.rss).toFixed(0)} MiB (peak ${med(f, (r) => r.live.rss.peak).toFixed(0)} MiB; goal ≤ 150 MB)`;
}

function print(f: Figures, all: readonly Line[]): void {
  const out = (label: string, value: string): void => void process.stdout.write(`${label.padEnd(78)} ${value}\n`);
  process.stdout.write(
    `\nfunction-controller bench: ${f.functions} Functions, ${f.inFlight} requests in flight, controller with ${f.workers} workers, ${f.rounds.length} interleaved rounds (medians); load average ${f.start.load} -> ${f.end.load}\n`,
  );
  for (const line of all)
    out(
      line.label.replaceAll('**', ''),
      `${s(line.wall)}, CPU ${line.cpu}, ratio ${x(median(line.ratio))} (rounds ${line.ratio.map(x).join(', ')})${line.note === '' ? '' : `, ${line.note}`}; writes ${describeWrites(line.writes)}`,
    );
  out('memory', memory(f));
  out('headroom', headroom(f));
}

function markdown(f: Figures, all: readonly Line[]): string {
  const rows = all.map(
    (line) =>
      `| ${line.label} | ${s(line.wall)} | ${line.cpu} | ${totalWrites(line.writes).toLocaleString('en-US')}: ${describeWrites(line.writes)} | ${x(median(line.ratio))}${line.note === '' ? '' : ` (${line.note})`} |`,
  );
  const perRound = (label: string, of: (r: Round) => number): string =>
    `${label} ${ratios(f, of, (r) => r.raw.ms)
      .map(x)
      .join(', ')}`;
  return [
    `Generated by \`npx nx run function-controller:bench\` on ${f.start.date}: ${f.start.cpu}, Node ${f.start.node}, load average ${f.start.load} at the start and ${f.end.load} at the end; ${f.functions.toLocaleString('en-US')} Functions, ${f.inFlight} requests in flight for every writer, the bundled controller in its own process with ${f.workers} workers, ${f.rounds.length} interleaved rounds (median shown), a private control plane without controller-manager and scheduler. The clock of a controller run stops when all ${(f.functions * 3).toLocaleString('en-US')} children exist (the Functions' status writes overlap it); writes are the API server's own request counts (last round).`,
    '',
    '| run | wall | CPU | writes | ÷ raw creates |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Per round, ÷ raw creates: ${perRound('catch-up', (r) => r.catchUp.ms)}; ${perRound('live', (r) => r.live.ms)}. ${memory(f)}. Headroom: ${headroom(f)}.`,
  ].join('\n');
}

/** Prints the figures; returns the docs section. */
export function report(f: Figures): string {
  const all = lines(f);
  print(f, all);
  return markdown(f, all);
}
