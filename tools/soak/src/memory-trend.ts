/**
 * What a series of RSS samples says about memory: the figures of the soak table and the
 * "bounded" / "grows" verdict. Pure, so the rule is unit-tested apart from any process.
 */

export interface RssSample {
  /** Seconds since the load window opened (negative before it). */
  readonly at: number;
  readonly mib: number;
}

export interface MemoryTrend {
  readonly idle: number;
  readonly loadedStart: number;
  readonly peak: number;
  readonly end: number;
  /** Least-squares slope over the last half of the window, MiB per minute. */
  readonly slopePerMinute: number;
  /** Highest sample of each half of the window. */
  readonly halfPeaks: { readonly first: number; readonly last: number };
  /** The slope alone is over the threshold (whatever the peaks say). */
  readonly climbing: boolean;
  readonly verdict: Verdict;
}

export const Verdicts = { bounded: 'bounded', grows: 'grows', tooShort: 'window too short' } as const;
export type Verdict = (typeof Verdicts)[keyof typeof Verdicts];

/** Below this, a slope is noise whatever the size of the process (V8's heap moves by more between GCs). */
export const FLOOR_MIB_PER_MINUTE = 0.5;
/** A process whose last half still climbs by more than this share of its size per minute grows. */
export const SHARE_PER_MINUTE = 0.01;
/** The least-squares line needs a few points to mean anything. */
const MIN_SAMPLES = 4;
/** A last half shorter than this sees one or two GC cycles, not a trend: no verdict (SOAK_SECONDS below 240 is for trying the soak out). */
export const MIN_HALF_SECONDS = 120;

/** A last half whose highest sample is within this share of the first half's is moving inside a range it already had. */
export const NEW_HIGH_SHARE = 0.02;

export const VERDICT_RULE = `"grows" when, over the last half of the load window, the least-squares slope of RSS is above ${FLOOR_MIB_PER_MINUTE} MiB/min and above ${SHARE_PER_MINUTE * 100} % of that half's mean RSS per minute, and that half sets a new high (its peak more than ${NEW_HIGH_SHARE * 100} % above the first half's peak); "bounded" otherwise: a process that climbs at the start and levels off, or whose garbage collection saws up and down inside a range it already reached, is bounded; no verdict when the last half is shorter than ${MIN_HALF_SECONDS} s`;

const highest = (samples: readonly RssSample[]): number => Math.max(0, ...samples.map((s) => s.mib));

/** Slope of the least-squares line through the samples, MiB per minute. */
export function slopePerMinute(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanAt = samples.reduce((sum, s) => sum + s.at, 0) / n;
  const meanMib = samples.reduce((sum, s) => sum + s.mib, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.at - meanAt) * (s.mib - meanMib);
    variance += (s.at - meanAt) ** 2;
  }
  return variance === 0 ? 0 : (covariance / variance) * 60;
}

/**
 * `idle` is the sample before any objects or load, `loaded` the samples of the load window
 * (at >= 0, the first taken once the objects exist and the load has started).
 */
export function memoryTrend(idle: number, loaded: readonly RssSample[], windowSeconds: number): MemoryTrend {
  const first = loaded[0];
  const last = loaded.at(-1);
  const peak = Math.max(idle, ...loaded.map((s) => s.mib));
  const lastHalf = loaded.filter((s) => s.at >= windowSeconds / 2);
  const firstHalf = loaded.filter((s) => s.at < windowSeconds / 2);
  const slope = slopePerMinute(lastHalf);
  const mean = lastHalf.reduce((sum, s) => sum + s.mib, 0) / Math.max(1, lastHalf.length);
  // A garbage-collected heap saws up and down: a slope fitted to one half can point up while the process
  // stays inside the range it already had; a leak keeps reaching new highs.
  const newHigh = highest(lastHalf) > highest(firstHalf) * (1 + NEW_HIGH_SHARE);
  const climbing = slope > FLOOR_MIB_PER_MINUTE && slope > SHARE_PER_MINUTE * mean;
  const verdict =
    lastHalf.length < MIN_SAMPLES || windowSeconds / 2 < MIN_HALF_SECONDS
      ? Verdicts.tooShort
      : climbing && newHigh
        ? Verdicts.grows
        : Verdicts.bounded;
  return {
    idle,
    loadedStart: first?.mib ?? idle,
    peak,
    end: last?.mib ?? idle,
    slopePerMinute: slope,
    halfPeaks: { first: highest(firstHalf), last: highest(lastHalf) },
    climbing,
    verdict,
  };
}

export interface HeapTrend {
  readonly start: number;
  readonly end: number;
  /** Least-squares slope over the last half of the window, MiB per minute. */
  readonly slopePerMinute: number;
}

/** Heap in use over the window, where the process reports it; evidence beside the RSS verdict, not part of it. */
export function heapTrend(samples: readonly RssSample[], windowSeconds: number): HeapTrend | undefined {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) return undefined;
  return {
    start: first.mib,
    end: last.mib,
    slopePerMinute: slopePerMinute(samples.filter((s) => s.at >= windowSeconds / 2)),
  };
}
