/**
 * Freezes a cached object and everything it holds, so a reconciler that
 * mutates a cache object instead of copying it fails loudly (strict mode
 * throws) rather than corrupting what every other reader sees.
 */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
