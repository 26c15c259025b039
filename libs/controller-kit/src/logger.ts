import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Becomes the `name` field of every line, e.g. `function-controller`. */
  readonly name: string;
  readonly level?: string;
  /** Where lines go; stdout when omitted. Tests pass an in-memory stream. */
  readonly destination?: DestinationStream;
}

/** Structured JSON logs, one object per line, with ISO timestamps and the error serializer on `err`. */
export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    name: options.name,
    level: options.level ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}

/** A logger that drops everything, for components built without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
