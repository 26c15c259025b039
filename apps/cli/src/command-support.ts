/** Small pieces every command handler shares: connecting, progress on stderr, printing data on stdout. */
import { connectOptions } from './global-args.js';
import type { GlobalArgs } from './global-args.js';
import type { CliPorts } from './ports/cli-ports.js';
import type { ClusterPort } from './ports/cluster-port.js';

export function connect(ports: CliPorts, argv: GlobalArgs): Promise<ClusterPort> {
  return ports.connect(connectOptions(argv));
}

/** Messages for people go to stderr, so stdout carries only data. */
export function progressTo(ports: CliPorts): (message: string) => void {
  return (message) => ports.stderr.write(`${message}\n`);
}

export function print(ports: CliPorts, text: string): void {
  ports.stdout.write(text);
}

/** Repeated or comma separated string flags arrive as a string or a list. */
export function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
