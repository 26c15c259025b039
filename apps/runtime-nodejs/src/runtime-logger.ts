// The runtime's pino logger on stdout, buffered. Under load the access log is one line per
// call: written one line at a time (even asynchronously, each line is an fs.write through
// libuv's thread pool) it was ~15% of the HTTP thread's CPU in a profile (ADR 0022,
// addendum). Lines are gathered up to `bufferBytes` and written together; a quiet runtime
// still writes them within `flushIntervalMs`, and a warning or an error goes out at once,
// synchronously (the line that explains a restart or an exit must not wait, nor be lost
// with a write still in the thread pool when the process exits).
import { destination as pinoDestination, pino } from 'pino';
import type { Logger } from 'pino';

export interface RuntimeLogger {
  readonly logger: Logger;
  /** Writes what is buffered before the process exits. */
  flushSync(): void;
}

export interface RuntimeLoggerOptions {
  readonly level: string;
  /** Lines are held until this many bytes are buffered (sonic-boom's `minLength`). */
  readonly bufferBytes?: number;
  readonly flushIntervalMs?: number;
  /** File descriptor to write to; stdout unless a test says otherwise. */
  readonly fd?: number;
}

/** pino's numeric level of `warn`: this and above are written without waiting. */
const warnLevel = 40;

export function createRuntimeLogger(options: RuntimeLoggerOptions): RuntimeLogger {
  const destination = pinoDestination({
    dest: options.fd ?? 1,
    sync: false,
    minLength: options.bufferBytes ?? 4096,
    periodicFlush: options.flushIntervalMs ?? 1000,
  });
  const logger = pino(
    {
      level: options.level,
      base: { runtime: 'nodejs' },
      hooks: {
        logMethod(args, method, level) {
          method.apply(this, args);
          if (level >= warnLevel) destination.flushSync();
        },
      },
    },
    destination,
  );
  return { logger, flushSync: () => destination.flushSync() };
}
