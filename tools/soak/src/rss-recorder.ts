/**
 * RSS of every process under soak, sampled together at a fixed interval: one idle figure per
 * process before any load, then a series over the load window.
 */
import type { RssSample } from './memory-trend.js';
import { treeRssMiB } from './process-rss.js';

export interface Watched {
  readonly name: string;
  readonly pid: number;
}

export class RssRecorder {
  private readonly idle = new Map<string, number>();
  private readonly series = new Map<string, RssSample[]>();
  private timer: NodeJS.Timeout | undefined;
  private openedAt = 0;

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
  close(): void {
    clearInterval(this.timer);
    this.sample();
  }

  idleOf(name: string): number {
    return this.idle.get(name) ?? 0;
  }

  seriesOf(name: string): readonly RssSample[] {
    return this.series.get(name) ?? [];
  }

  private sample(): void {
    const at = Math.round((Date.now() - this.openedAt) / 1000);
    for (const { name, pid } of this.watched) {
      const list = this.series.get(name) ?? [];
      list.push({ at, mib: treeRssMiB(pid) });
      this.series.set(name, list);
    }
  }
}
