export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Exponential delay for the `attempt`-th consecutive failure with "equal
 * jitter" (half fixed, half random), so replicas that failed together do not
 * retry in lockstep against a recovering API server.
 */
export function jitteredBackoff(options: BackoffOptions, attempt: number, random: () => number): number {
  const capped = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 40));
  return Math.round(capped / 2 + (capped / 2) * random());
}
