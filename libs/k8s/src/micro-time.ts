/**
 * The API server parses MicroTime fields (Lease times, Event eventTime) with
 * exactly six fractional digits; `Date#toISOString()` has three and would be
 * rejected. Strings already in micro precision pass through untouched so a
 * value read from the server round-trips exactly.
 */
const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function toMicroTime(value: string | Date): string {
  if (typeof value === 'string' && MICRO_TIME.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
