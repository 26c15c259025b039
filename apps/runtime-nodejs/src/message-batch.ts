/**
 * Collects items produced during one turn of the event loop and hands them over as one
 * array in the check phase (`setImmediate`), i.e. after every socket read of this turn.
 * Used on both sides of the worker boundary: under load, dozens of calls share one
 * message; alone, a call waits for no timer.
 */
export class MessageBatch<T> {
  private items: T[] = [];

  constructor(private readonly flush: (items: T[]) => void) {}

  add(item: T): void {
    if (this.items.length === 0) setImmediate(() => this.send());
    this.items.push(item);
  }

  private send(): void {
    const items = this.items;
    if (items.length === 0) return;
    this.items = [];
    this.flush(items);
  }
}
