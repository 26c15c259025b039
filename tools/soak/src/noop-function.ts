/**
 * The function behind the consumer's 100 bindings: answers every call at once and counts calls
 * per function (the path), so the soak knows when each binding delivers. Counters only: its own
 * memory stays flat however long the soak.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NoopFunction {
  readonly port: number;
  /** Functions that received at least one call. */
  called(): ReadonlySet<string>;
  calls(): number;
  close(): Promise<void>;
}

export async function startNoopFunction(): Promise<NoopFunction> {
  const seen = new Set<string>();
  let calls = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls += 1;
      seen.add((request.url ?? '/').slice(1));
      response.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    called: () => seen,
    calls: () => calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
