/**
 * Memory of every process under soak, sampled together at a fixed interval: one idle RSS figure
 * per process before any load, then RSS and (for Node.js processes) heap in use over the window.
 */
import { heapUsedMiB } from './heap-metric.js';
import type { RssSample } from './memory-trend.js';
import { treeRssMiB } from './process-rss.js';

export interface Watched {
  readonly name: string;
  readonly pid: number;
  /** Where its /metrics is served. */
  readonly port: number;
}

export class RssRecorder {
  private readonly idle = new Map<string, number>();
  private readonly rss = new Map<string, RssSample[]>();
  private readonly heap = new Map<string, RssSample[]>();
  private timer: NodeJS.Timeout | undefined;
  private openedAt = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly watched: readonly Watched[]) {}

  recordIdle(): void {
    for (const { name, pid } of this.watched) this.idle.set(name, treeRssMiB(pid));
  }

  /** Opens the load window: a sample now (at 0 s) and one every `everySeconds` until `close`. */
  open(everySeconds: number): void {
    this.openedAt = Date.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), everySeconds * 1000);
  }

  /** The last sample, at the end of the window. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.sample();
    await this.pending;
  }

  idleOf(name: string): number {
    return this.idle.get(name) ?? 0;
  }

  rssOf(name: string): readonly RssSample[] {
    return this.rss.get(name) ?? [];
  }

  heapOf(name: string): readonly RssSample[] {
    return this.heap.get(name) ?? [];
  }

  private sample(): void {
    const at = Math.round((Date.now() - this.openedAt) / 1000);
    for (const { name, pid } of this.watched) append(this.rss, name, { at, mib: treeRssMiB(pid) });
    // RSS is read at the tick itself; the heap answers come a little later, chained so samples stay in order.
    this.pending = this.pending.then(async () => {
      const heaps = await Promise.all(this.watched.map((w) => heapUsedMiB(w.port)));
      this.watched.forEach(({ name }, i) => {
        const mib = heaps[i];
        if (mib !== undefined) append(this.heap, name, { at, mib });
      });
    });
  }
}

function append(series: Map<string, RssSample[]>, name: string, sample: RssSample): void {
  const list = series.get(name) ?? [];
  list.push(sample);
  series.set(name, list);
}
