import { jest } from '@jest/globals';
import { CallDeadlines } from './call-deadlines.js';

describe('CallDeadlines', () => {
  let clock = 0;
  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
  });
  afterEach(() => jest.useRealTimers());

  const advance = (ms: number): void => {
    clock += ms;
    jest.advanceTimersByTime(ms);
  };

  it('expires each call once, in the order the calls started, and never an ended one', () => {
    const expired: number[] = [];
    const deadlines = new CallDeadlines(
      100,
      (id) => expired.push(id),
      () => clock,
    );
    deadlines.add(1);
    advance(30);
    deadlines.add(2);
    deadlines.add(3);
    advance(30);
    deadlines.add(4);
    deadlines.delete(2);
    advance(40);
    expect(expired).toEqual([1]);
    advance(30);
    expect(expired).toEqual([1, 3]);
    advance(30);
    expect(expired).toEqual([1, 3, 4]);
    advance(1000);
    expect(expired).toEqual([1, 3, 4]);
  });

  it('starts again after it ran empty', () => {
    const expired: number[] = [];
    const deadlines = new CallDeadlines(
      50,
      (id) => expired.push(id),
      () => clock,
    );
    deadlines.add(1);
    advance(50);
    deadlines.add(2);
    advance(49);
    expect(expired).toEqual([1]);
    advance(1);
    expect(expired).toEqual([1, 2]);
  });
});
