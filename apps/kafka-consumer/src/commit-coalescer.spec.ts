import { CommitCoalescer, type OffsetsToCommit } from './commit-coalescer.js';

describe('CommitCoalescer', () => {
  it('sends the commits of one turn as one request, keeping the highest offset per partition', async () => {
    const sent: OffsetsToCommit[] = [];
    const send = async (offsets: OffsetsToCommit) => void sent.push(offsets);
    const coalescer = new CommitCoalescer('tag');
    await Promise.all([
      coalescer.commit('t', 0, '10', send),
      coalescer.commit('t', 1, '5', send),
      coalescer.commit('t', 0, '20', send),
    ]);
    expect(sent).toEqual([
      {
        topics: [
          {
            topic: 't',
            partitions: [
              { partition: 0, offset: '20', metadata: 'tag' },
              { partition: 1, offset: '5', metadata: 'tag' },
            ],
          },
        ],
      },
    ]);
    await coalescer.commit('t', 2, '1', send);
    expect(sent).toHaveLength(2);
  });

  it('fails every waiter of a refused request', async () => {
    const coalescer = new CommitCoalescer();
    const refuse = async () => {
      throw new Error('ILLEGAL_GENERATION');
    };
    const results = await Promise.allSettled([
      coalescer.commit('t', 0, '1', refuse),
      coalescer.commit('t', 1, '1', refuse),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('keeps one request on the wire and sends what was asked meanwhile as the next one', async () => {
    const sent: OffsetsToCommit[] = [];
    const answers: Array<() => void> = [];
    const send = (offsets: OffsetsToCommit) =>
      new Promise<void>((resolve) => {
        sent.push(offsets);
        answers.push(resolve);
      });
    const coalescer = new CommitCoalescer();
    const settled: string[] = [];
    const track = (name: string, commit: Promise<void>) => commit.then(() => void settled.push(name));
    const first = track('first', coalescer.commit('t', 0, '10', send));
    await new Promise((r) => setImmediate(r));
    const later = [
      track('second', coalescer.commit('t', 1, '4', send)),
      track('third', coalescer.commit('t', 0, '20', send)),
    ];
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(1);
    answers[0]?.();
    await first;
    expect(settled).toEqual(['first']);
    await new Promise((r) => setImmediate(r));
    expect(sent[1]).toEqual({
      topics: [
        {
          topic: 't',
          partitions: [
            { partition: 1, offset: '4', metadata: '' },
            { partition: 0, offset: '20', metadata: '' },
          ],
        },
      ],
    });
    answers[1]?.();
    await Promise.all(later);
    expect(settled).toEqual(['first', 'second', 'third']);
  });

  it('does not resolve a waiter whose offset is carried by a request still on the wire', async () => {
    let answer = (): void => undefined;
    const send = () => new Promise<void>((resolve) => (answer = resolve));
    const coalescer = new CommitCoalescer();
    let done = false;
    void coalescer.commit('t', 0, '1', send).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    answer();
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
  });
});
