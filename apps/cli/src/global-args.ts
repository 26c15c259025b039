import type { ConnectOptions } from './ports/cli-ports.js';

/** kubectl's connection flags, accepted by every command. */
export interface GlobalArgs {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
}

export function connectOptions(argv: GlobalArgs): ConnectOptions {
  return {
    kubeconfig: argv.kubeconfig,
    context: argv.context,
    namespace: argv.namespace === '' ? undefined : argv.namespace,
  };
}
