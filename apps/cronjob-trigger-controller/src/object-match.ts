/**
 * Comparisons that ignore what the API server adds. A desired object states
 * only the fields this controller sets; the stored one also has defaults
 * (imagePullPolicy, terminationMessagePath...) that must not count as drift.
 */

/** Every field `desired` sets has the same value in `observed`; arrays must match element by element and in length. */
export function containsDesired(desired: unknown, observed: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(observed) &&
      observed.length === desired.length &&
      desired.every((item, index) => containsDesired(item, observed[index]))
    );
  }
  if (typeof desired === 'object' && desired !== null) {
    if (typeof observed !== 'object' || observed === null || Array.isArray(observed)) return false;
    const have = observed as Record<string, unknown>;
    return Object.entries(desired).every(([key, value]) => value === undefined || containsDesired(value, have[key]));
  }
  return desired === observed;
}
