// Declarations of what the type-checked benchmarks take from bench-kit (the HTTP driver and
// runRuntimeBench are used only by the JavaScript runtime benches and are not declared here).

/** The machine line every generated section of docs/benchmarks.md starts with. */
export interface BenchMachine {
  readonly cpu: string;
  readonly node: string;
  /** ISO 8601, to the second. */
  readonly date: string;
  /** The 1- and 5-minute load averages, formatted. */
  readonly load: string;
}

export function machine(): BenchMachine;

/** User + system CPU time of one process so far, in ms (0 once it is gone). */
export function processCpuMs(pid: number): number;

/** Rewrites the `<!-- bench:<id> -->` section of docs/benchmarks.md when BENCH_WRITE_DOCS=1; true if it did. */
export function writeDocsSection(id: string, markdown: string): boolean;
