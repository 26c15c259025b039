// One access-log line per function call, in exactly the JSON that pino writes for
// `logger.info({ method, url, statusCode, ms }, 'request')` with the runtime's base
// bindings. Built by hand because it is written on every call: pino's generic path (level
// lookup, hooks, per-key serialisers) was ~2 µs of a ~50 µs call (ADR 0022, addendum).
// access-log.spec.ts checks it against pino's own output.

/** What the access log records about one call. */
export interface AccessEntry {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly statusCode: number;
  readonly ms: number;
}

/** pino's numeric level of `info`. */
const infoLevel = 30;

/** pino writes a non-finite number as null and leaves out undefined values. */
function numberField(name: string, value: number): string {
  return `,"${name}":${Number.isFinite(value) ? value : 'null'}`;
}

function stringField(name: string, value: string | undefined): string {
  return value === undefined ? '' : `,"${name}":${JSON.stringify(value)}`;
}

/** The line (with its newline) for `entry` logged at `timeMs` (epoch milliseconds). */
export function formatAccessLine(entry: AccessEntry, timeMs: number): string {
  return (
    `{"level":${infoLevel},"time":${timeMs},"runtime":"nodejs"` +
    stringField('method', entry.method) +
    stringField('url', entry.url) +
    numberField('statusCode', entry.statusCode) +
    numberField('ms', entry.ms) +
    ',"msg":"request"}\n'
  );
}
