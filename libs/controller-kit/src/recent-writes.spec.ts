import { RecentWrites } from './recent-writes.js';

const at = (resourceVersion: string, tag = '') => ({ metadata: { resourceVersion }, tag });

describe('RecentWrites', () => {
  let now = 0;
  const writes = (): RecentWrites<ReturnType<typeof at>> => new RecentWrites(() => now, 10_000);
  beforeEach(() => {
    now = 0;
  });

  it('stands in for a cache that has not seen the write yet', () => {
    const recent = writes();
    recent.remember('ns/a', at('20', 'written'));
    expect(recent.fresher('ns/a', undefined)).toEqual({ object: at('20', 'written'), usedRecord: true });
    expect(recent.fresher('ns/a', at('15', 'old'))).toEqual({ object: at('20', 'written'), usedRecord: true });
  });

  it('gives way, and forgets, once the cache caught up', () => {
    const recent = writes();
    recent.remember('ns/a', at('20'));
    expect(recent.fresher('ns/a', at('21', 'newer'))).toEqual({ object: at('21', 'newer'), usedRecord: false });
    expect(recent.size).toBe(0);
  });

  it('expires, so a deletion that raced the record hides only briefly', () => {
    const recent = writes();
    recent.remember('ns/a', at('20'));
    now = 10_001;
    expect(recent.fresher('ns/a', undefined)).toEqual({ object: undefined, usedRecord: false });
  });

  it('lets the cache win when versions are not integers, and forgets on request', () => {
    const recent = writes();
    recent.remember('ns/a', at('x'));
    expect(recent.fresher('ns/a', at('5', 'cached')).object).toEqual(at('5', 'cached'));
    recent.remember('ns/b', at('9'));
    recent.forget('ns/b');
    expect(recent.fresher('ns/b', undefined).object).toBeUndefined();
  });
});
