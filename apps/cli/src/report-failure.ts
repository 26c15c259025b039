/**
 * The one place that renders failures and picks exit codes: yargs' `.fail()`
 * (usage mistakes found by the parser) and every rejected command handler end
 * here. Never a stack trace unless KUBELESS_DEBUG is set.
 */
import { ErrorCodes, KubelessError, toKubelessError } from '@kubeless-ts/errors';
import { exitCodeFor } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliPorts } from './ports/cli-ports.js';

export function failureFromParser(message: string, commandPath: string): KubelessError {
  const text = message.startsWith('Did you mean') ? `Unknown command. ${message}` : message;
  return new KubelessError({
    code: ErrorCodes.USAGE.code,
    message: text,
    hint: `See \`${commandPath} --help\`.`,
    terminal: true,
  });
}

function colour(ports: CliPorts, code: string, text: string): string {
  const enabled = ports.stderr.isTTY === true && ports.env['NO_COLOR'] === undefined && ports.env['TERM'] !== 'dumb';
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function reportFailure(ports: CliPorts, failure: unknown): ExitCode {
  if (ports.signal.aborted) {
    // Ctrl-C: whatever failed afterwards is only a consequence; main.ts exits 130.
    ports.stderr.write('Interrupted\n');
    return exitCodeFor(ErrorCodes.INTERNAL.code);
  }
  const error = toKubelessError(failure);
  const lines = [`${colour(ports, '31', 'Error')} ${error.code}: ${error.message}`];
  if (error.hint !== undefined && error.hint !== '') lines.push(`${colour(ports, '33', 'Hint')}: ${error.hint}`);
  if (ports.env['KUBELESS_DEBUG'] !== undefined && failure instanceof Error && failure.stack !== undefined)
    lines.push(failure.stack);
  ports.stderr.write(`${lines.join('\n')}\n`);
  return exitCodeFor(error.code);
}
