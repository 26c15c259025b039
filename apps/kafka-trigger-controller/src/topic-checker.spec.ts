import { KubelessError } from '@kubeless-ts/errors';
import { CachedTopicChecker } from './topic-checker.js';

describe('CachedTopicChecker', () => {
  it('shares one listing within maxAge and relists after', async () => {
    let now = 0;
    let calls = 0;
    const checker = new CachedTopicChecker({ list: async () => (calls++, ['a']) }, { maxAgeMs: 1000, now: () => now });
    expect(await checker.topicState('a')).toEqual({ state: 'exists' });
    expect(await checker.topicState('b')).toEqual({ state: 'missing' });
    expect(calls).toBe(1);
    now = 2000;
    await checker.topicState('a');
    expect(calls).toBe(2);
  });

  it('reports an unreachable broker as unknown and does not cache the failure', async () => {
    let fail = true;
    const error = new KubelessError({
      code: 'KBL_ERR_KAFKA',
      message: 'no Kafka broker reachable',
      details: { reason: 'unreachable' },
    });
    const checker = new CachedTopicChecker({
      list: async () => {
        if (fail) throw error;
        return ['a'];
      },
    });
    expect(await checker.topicState('a')).toEqual({ state: 'unknown', message: 'no Kafka broker reachable' });
    fail = false;
    expect(await checker.topicState('a')).toEqual({ state: 'exists' });
  });
});
