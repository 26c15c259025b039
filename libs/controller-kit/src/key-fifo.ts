/**
 * A first-in first-out list with O(1) removal from the front. `Array#shift`
 * moves every element, which turns a queue of tens of thousands of keys (a
 * full resync of a large cluster) quadratic.
 */
export class KeyFifo {
  private items: string[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(key: string): void {
    this.items.push(key);
  }

  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    // Compact once the consumed prefix dominates, keeping memory proportional to what is queued.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }
}
