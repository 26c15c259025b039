import { MessageBatch } from './message-batch.js';

const nextCheckPhase = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('MessageBatch', () => {
  it('hands over everything added in one turn as one array', async () => {
    const flushed: number[][] = [];
    const batch = new MessageBatch<number>((items) => flushed.push(items));
    batch.add(1);
    batch.add(2);
    batch.add(3);
    expect(flushed).toEqual([]);
    await nextCheckPhase();
    expect(flushed).toEqual([[1, 2, 3]]);
  });

  it('starts a new batch after a flush', async () => {
    const flushed: string[][] = [];
    const batch = new MessageBatch<string>((items) => flushed.push(items));
    batch.add('a');
    await nextCheckPhase();
    batch.add('b');
    await nextCheckPhase();
    expect(flushed).toEqual([['a'], ['b']]);
  });
});
