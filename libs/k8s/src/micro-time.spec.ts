import { toMicroTime } from './micro-time.js';

describe('toMicroTime', () => {
  it('pads JavaScript millisecond timestamps to six digits', () => {
    expect(toMicroTime('2026-11-25T12:00:00.123Z')).toBe('2026-11-25T12:00:00.123000Z');
    expect(toMicroTime(new Date('2026-11-25T12:00:00Z'))).toBe('2026-11-25T12:00:00.000000Z');
  });

  it('keeps server values exactly', () => {
    expect(toMicroTime('2026-11-25T12:00:00.123456Z')).toBe('2026-11-25T12:00:00.123456Z');
  });
});
