import { execFileSync } from 'node:child_process';

export interface NodeAddressOptions {
  /** The interface that carries the address when none has it yet: loopback by default, else a bridge of that name. */
  readonly interfaceName?: string;
}

// The kernels here have no dummy link type; an address on loopback is just as local
// (pods reach it through the bridge gateway, the host delivers it to itself).
const DEFAULT_INTERFACE = 'lo';

function ip(args: readonly string[]): string {
  try {
    return execFileSync('ip', [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`\`ip ${args.join(' ')}\` failed (the node address needs root and iproute2): ${detail}`);
  }
}

/** True when some interface of this machine already carries `address`. */
export function hasAddress(address: string): boolean {
  return ip(['-o', '-4', 'addr', 'show'])
    .split('\n')
    .some((line) => line.includes(` inet ${address}/`));
}

/**
 * Gives this machine the node IP, unless some interface already has it
 * (idempotent). The address is local only: pods, host processes and the
 * apiserver meet on it and nothing addressed to it ever leaves the machine.
 */
export function ensureNodeAddress(address: string, options: NodeAddressOptions = {}): void {
  if (hasAddress(address)) return;
  const name = options.interfaceName ?? DEFAULT_INTERFACE;
  if (!ip(['-o', 'link', 'show']).includes(`: ${name}:`)) ip(['link', 'add', name, 'type', 'bridge']);
  ip(['addr', 'add', `${address}/32`, 'dev', name]);
  ip(['link', 'set', name, 'up']);
}
