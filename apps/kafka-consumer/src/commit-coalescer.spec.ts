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
});
