// A stand-in function endpoint: records every delivery (path = function name).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from './cluster-harness.js';

export interface Delivery {
  readonly fn: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

export class FunctionRecorder {
  readonly deliveries: Delivery[] = [];
  /** HTTP status per function name (default 200). */
  readonly statusFor = new Map<string, number>();
  /** Milliseconds to wait before answering, per function name (a slow function). */
  readonly delayFor = new Map<string, number>();
  private server: Server | undefined;
  /** Answers still waiting out a delay; cleared on stop so a long delay does not keep the test process alive. */
  private readonly pending = new Set<NodeJS.Timeout>();
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const fn = (req.url ?? '/').split('?')[0]?.slice(1) ?? '';
        this.deliveries.push({ fn, headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() });
        res.statusCode = this.statusFor.get(fn) ?? 200;
        const timer = setTimeout(
          () => {
            this.pending.delete(timer);
            res.end();
          },
          this.delayFor.get(fn) ?? 0,
        );
        this.pending.add(timer);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  of(fn: string): Delivery[] {
    return this.deliveries.filter((d) => d.fn === fn);
  }

  /** Until no delivery arrived for a second: whatever was still on its way has come. */
  async settled(): Promise<void> {
    let seen = -1;
    await eventually(
      'deliveries settled',
      async () => {
        const now = this.deliveries.length;
        const settled = now === seen;
        seen = now;
        await new Promise((r) => setTimeout(r, 1000));
        return settled ? true : undefined;
      },
      30_000,
    );
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
