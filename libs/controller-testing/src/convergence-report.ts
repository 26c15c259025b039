// The trigger convergence bench's printed lines and its docs section, from the figures of every round.
import type { Registry } from 'prom-client';
import type { BenchMachine } from '@kubeless-ts/bench-kit';
import { median, type Timed } from './bench-measures.js';
import type { ConvergenceBenchSubject } from './convergence-bench.js';

/** One convergence: the wall and CPU time until all Ready, the creates' share of it, the controller's counts. */
export interface Convergence {
  readonly timed: Timed;
  readonly createdMs: number;
  readonly reconciles: string;
}

export interface RoundFigures {
  readonly configMaps: Timed;
  readonly triggers: Timed;
  readonly extras: readonly Timed[];
  /** With WORKERS (the controllers' default, 2). */
  readonly narrow: Convergence;
  /** With as many workers as the writers have requests in flight. */
  readonly wide: Convergence;
}

export interface ConvergenceFigures {
  readonly count: number;
  readonly concurrency: number;
  readonly workers: number;
  readonly wideWorkers: number;
  readonly rounds: readonly RoundFigures[];
  readonly start: BenchMachine;
  readonly end: BenchMachine;
  readonly ownControlPlane: boolean;
}

/** A line of the report, its figures aligned with the others' (for an extra baseline's lines too). */
export const benchRow = (label: string, value: string): string => `  ${label.padEnd(52)} ${value}`;

/** Reconciles (per trigger), failures and mean reconcile time, from the controller's own metrics. */
export async function reconcileFigures(registry: Registry, count: number): Promise<string> {
  const values = (await registry.getMetricsAsJSON()).flatMap((metric) =>
    metric.values.map((value) => ({
      name: (value as { metricName?: string }).metricName ?? metric.name,
      value: value.value,
    })),
  );
  const sum = (name: string): number => values.filter((v) => v.name === name).reduce((total, v) => total + v.value, 0);
  const reconciles = sum('controller_runtime_reconcile_total');
  const meanMs =
    (sum('controller_runtime_reconcile_time_seconds_sum') /
      Math.max(1, sum('controller_runtime_reconcile_time_seconds_count'))) *
    1000;
  return `${reconciles} reconciles (${(reconciles / count).toFixed(2)} per trigger, ${sum('controller_runtime_reconcile_errors_total')} failed), mean ${meanMs.toFixed(1)} ms`;
}

function perCall(rounds: number, work: () => unknown): number {
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) work();
  return ((performance.now() - started) * 1000) / rounds;
}

const x = (value: number): string => `${value.toFixed(2)}x`;
const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;

interface Summary {
  readonly configMaps: Timed;
  readonly triggers: Timed;
  readonly extras: readonly Timed[];
  readonly narrow: Timed;
  readonly wide: Timed;
  readonly ratios: {
    readonly narrow: readonly number[];
    readonly wide: readonly number[];
    readonly narrowToTriggers: readonly number[];
  };
  readonly headroom: string;
}

const medianTimed = (timed: readonly Timed[]): Timed => ({
  ms: median(timed.map((t) => t.ms)),
  cpuMs: median(timed.map((t) => t.cpuMs)),
});

function summarize(f: ConvergenceFigures): Summary {
  const configMaps = medianTimed(f.rounds.map((r) => r.configMaps));
  const writerShare = configMaps.cpuMs / configMaps.ms;
  const headroom =
    writerShare < 0.5
      ? `the bench's writers used ${(writerShare * 100).toFixed(0)} % of one core during the ConfigMap baseline, so the API server (and etcd${f.ownControlPlane ? ', on the same 2 cores' : ''}), not the writers, set its pace`
      : `NOT far from a limit of its own: the bench's writers used ${(writerShare * 100).toFixed(0)} % of one core during the ConfigMap baseline`;
  return {
    configMaps,
    triggers: medianTimed(f.rounds.map((r) => r.triggers)),
    extras: (f.rounds[0]?.extras ?? []).map((_, i) =>
      medianTimed(f.rounds.map((r) => r.extras[i] ?? { ms: NaN, cpuMs: NaN })),
    ),
    narrow: medianTimed(f.rounds.map((r) => r.narrow.timed)),
    wide: medianTimed(f.rounds.map((r) => r.wide.timed)),
    ratios: {
      narrow: f.rounds.map((r) => r.narrow.timed.ms / r.configMaps.ms),
      wide: f.rounds.map((r) => r.wide.timed.ms / r.configMaps.ms),
      narrowToTriggers: f.rounds.map((r) => r.narrow.timed.ms / r.triggers.ms),
    },
    headroom,
  };
}

function printed(subject: ConvergenceBenchSubject, f: ConvergenceFigures, s: Summary): string[] {
  const cpu = (t: Timed): string => `${ms(t.ms)} wall, ${ms(t.cpuMs)} CPU`;
  const converged = (label: string, t: Timed, ratios: readonly number[]): string[] => [
    benchRow(label, `${cpu(t)} (controller ≈ ${ms(t.cpuMs - s.triggers.cpuMs)} of it)`),
    benchRow('  ratio to ConfigMap creates (goal <= 2x)', `${x(median(ratios))}; rounds ${ratios.map(x).join(', ')}`),
  ];
  return [
    `${subject.controller} bench: ${f.count} triggers, ${f.concurrency} writes in flight, ${f.rounds.length} interleaved rounds (medians); load average ${f.start.load} -> ${f.end.load}`,
    benchRow(`baseline: ${f.count} ConfigMap creates`, cpu(s.configMaps)),
    benchRow(`${f.count} ${subject.triggerKind} creates, no controller`, cpu(s.triggers)),
    ...(subject.extraBaselines ?? []).flatMap((extra, i) =>
      extra.report({ baselineMs: s.extras[i]?.ms ?? NaN, convergedMs: s.narrow.ms }),
    ),
    ...converged(`until all Ready, ${f.workers} workers (default)`, s.narrow, s.ratios.narrow),
    benchRow('  ratio to the same triggers created, no controller', x(median(s.ratios.narrowToTriggers))),
    ...f.rounds.map((r, i) => benchRow(`  round ${i + 1}`, r.narrow.reconciles)),
    ...converged(`until all Ready, ${f.wideWorkers} workers`, s.wide, s.ratios.wide),
    ...f.rounds.map((r, i) => benchRow(`  round ${i + 1}`, r.wide.reconciles)),
    benchRow(
      'writes per trigger',
      `3 (the ${subject.triggerKind}, its ${subject.childKind}, its status) against the baseline's 1`,
    ),
    benchRow('headroom', s.headroom),
  ];
}

function markdown(subject: ConvergenceBenchSubject, f: ConvergenceFigures, s: Summary): string {
  const row = (label: string, t: Timed, ratio: string, toTriggers: string): string =>
    `| ${label} | ${ms(t.ms)} | ${ms(t.cpuMs)} | ${ratio} | ${toTriggers} |`;
  const toTriggers = (t: Timed): string => x(t.ms / s.triggers.ms);
  const [first, last] = [f.rounds[0], f.rounds.at(-1)];
  return [
    `Generated by \`npx nx run ${subject.controller}:bench\` on ${f.start.date}: ${f.start.cpu}, Node ${f.start.node}, load average ${f.start.load} at the start and ${f.end.load} at the end; ${f.count} triggers, ${f.concurrency} writes in flight, ${f.rounds.length} interleaved rounds (median shown)${f.ownControlPlane ? ', on a private control plane (no controller-manager, no scheduler)' : ''}. The controller runs in the bench's process: its CPU is the bench process's during convergence less the writers' alone (the plain ${subject.triggerKind} creates).`,
    '',
    '| run | wall | bench process CPU | ÷ ConfigMap creates | ÷ plain trigger creates |',
    '|---|---|---|---|---|',
    row(`${f.count} ConfigMap creates (baseline)`, s.configMaps, '1.00x', ''),
    row(
      `${f.count} ${subject.triggerKind} creates, no controller`,
      s.triggers,
      x(s.triggers.ms / s.configMaps.ms),
      '1.00x',
    ),
    ...(subject.extraBaselines ?? []).map((extra, i) => {
      const t = s.extras[i] ?? { ms: NaN, cpuMs: NaN };
      return row(extra.label, t, x(t.ms / s.configMaps.ms), toTriggers(t));
    }),
    row(
      `**to Ready, ${f.workers} workers** (the default)`,
      s.narrow,
      `**${x(median(s.ratios.narrow))}**`,
      toTriggers(s.narrow),
    ),
    row(`**to Ready, ${f.wideWorkers} workers**`, s.wide, `**${x(median(s.ratios.wide))}**`, toTriggers(s.wide)),
    '',
    `To Ready ÷ ConfigMap creates per round: ${f.workers} workers ${s.ratios.narrow.map(x).join(', ')}; ${f.wideWorkers} workers ${s.ratios.wide.map(x).join(', ')}. The controller's CPU ≈ ${ms(s.narrow.cpuMs - s.triggers.cpuMs)} (${f.workers} workers) and ${ms(s.wide.cpuMs - s.triggers.cpuMs)} (${f.wideWorkers}) for ${f.count} triggers. Reconciles, first and last round: ${first?.narrow.reconciles ?? ''} and ${last?.narrow.reconciles ?? ''} (${f.workers} workers); ${first?.wide.reconciles ?? ''} and ${last?.wide.reconciles ?? ''} (${f.wideWorkers}). Each trigger costs 3 writes (the ${subject.triggerKind}, its ${subject.childKind}, its status) against the baseline's 1. Headroom: ${s.headroom}.`,
  ].join('\n');
}

/** Prints the figures; returns the docs section. */
export function convergenceReport(subject: ConvergenceBenchSubject, f: ConvergenceFigures): string {
  const s = summarize(f);
  const { rounds, trigger, plan } = subject.planning;
  const planUs = perCall(rounds, plan);
  const cloneUs = perCall(rounds, () => structuredClone(trigger));
  const planning = `desired+plan per trigger ${planUs.toFixed(2)} µs vs structuredClone ${cloneUs.toFixed(2)} µs: ${x(planUs / cloneUs)}`;
  for (const line of [...printed(subject, f, s), benchRow('pure planning', planning)]) console.log(line);
  return `${markdown(subject, f, s)} Pure planning: ${planning}.`;
}
