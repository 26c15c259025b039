// The runtime's log on stdout: pino for the runtime's own messages, a hand-built line per
// call for the access log (access-log.ts), both through one buffer so that lines keep their
// order. Written one line at a time (even asynchronously, each line was an fs.write through
// libuv's thread pool) the access log was ~15% of the HTTP thread's CPU in a profile (ADR
// 0022, addendum). Lines gathered during one turn of the event loop reach sonic-boom as one
// string, which holds them until `bufferBytes` are pending and writes at least every
// `flushIntervalMs`; a warning or an error is written at once, synchronously (the line that
// explains a worker replacement or an exit must not wait, nor be lost with a write still in
// the thread pool when the process exits).
import { destination as pinoDestination, pino } from 'pino';
import type { Logger } from 'pino';
import { formatAccessLine } from './access-log.js';
import type { AccessEntry } from './access-log.js';

export interface RuntimeLogger {
  readonly logger: Logger;
  /** Logs one function call at `info` (the access log). */
  readonly accessLog: (entry: AccessEntry) => void;
  /** Writes what is buffered before the process exits. */
  flushSync(): void;
}

export interface RuntimeLoggerOptions {
  readonly level: string;
  /** Lines are held until this many bytes are pending (sonic-boom's `minLength`). */
  readonly bufferBytes?: number;
  readonly flushIntervalMs?: number;
  /** File descriptor to write to; stdout unless a test says otherwise. */
  readonly fd?: number;
}

/** pino's numeric level of `warn`: this and above are written without waiting. */
const warnLevel = 40;

interface Output {
  write(chunk: string): boolean;
  flushSync(): void;
}

/**
 * Lines of one event-loop turn, handed to the output as one string in the check phase:
 * sonic-boom measures its whole pending buffer on every write, so one write per turn
 * instead of one per line.
 */
class TurnBuffer {
  private lines: string[] = [];
  private scheduled = false;

  constructor(private readonly output: Output) {}

  write(line: string): void {
    this.lines.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('');
    this.lines = [];
    this.output.write(chunk);
  }

  flushSync(): void {
    this.flush();
    this.output.flushSync();
  }
}

export function createRuntimeLogger(options: RuntimeLoggerOptions): RuntimeLogger {
  const buffer = new TurnBuffer(
    pinoDestination({
      dest: options.fd ?? 1,
      sync: false,
      minLength: options.bufferBytes ?? 4096,
      periodicFlush: options.flushIntervalMs ?? 1000,
    }),
  );
  const logger = pino(
    {
      level: options.level,
      base: { runtime: 'nodejs' },
      hooks: {
        logMethod(args, method, level) {
          method.apply(this, args);
          if (level >= warnLevel) buffer.flushSync();
        },
      },
    },
    { write: (line: string) => buffer.write(line) },
  );
  return {
    logger,
    accessLog: (entry) => {
      if (logger.isLevelEnabled('info')) buffer.write(formatAccessLine(entry, Date.now()));
    },
    flushSync: () => buffer.flushSync(),
  };
}
