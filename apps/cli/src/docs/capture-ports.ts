/** Ports that only record output: for rendering help text into docs, where no command runs. */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { CliPorts } from '../ports/cli-ports.js';

export interface CapturedPorts extends CliPorts {
  readonly out: () => string;
  readonly err: () => string;
}

export function capturePorts(env: Readonly<Record<string, string | undefined>> = {}): CapturedPorts {
  let out = '';
  let err = '';
  const unavailable = async (): Promise<never> => {
    throw new KubelessError({ code: ErrorCodes.INTERNAL.code, message: 'no outside world here', terminal: true });
  };
  return {
    stdout: { write: (chunk) => (out += String(chunk)) },
    stderr: { write: (chunk) => (err += String(chunk)) },
    env,
    signal: new AbortController().signal,
    connect: unavailable,
    connectKafka: unavailable,
    readFile: unavailable,
    http: unavailable,
    now: () => new Date(0),
    randomBytes: (size) => Buffer.alloc(size),
    out: () => out,
    err: () => err,
  };
}
