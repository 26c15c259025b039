import { heapTrend, memoryTrend, slopePerMinute, Verdicts, type RssSample } from './memory-trend.js';

const series = (window: number, every: number, mib: (at: number) => number): RssSample[] =>
  Array.from({ length: window / every + 1 }, (_, i) => ({ at: i * every, mib: mib(i * every) }));

describe('slopePerMinute', () => {
  it('is the least-squares slope in MiB per minute', () => {
    expect(slopePerMinute(series(120, 10, (at) => 50 + at / 30))).toBeCloseTo(2, 6);
  });

  it('is zero for a flat series and for a single sample', () => {
    expect(slopePerMinute(series(60, 10, () => 80))).toBe(0);
    expect(slopePerMinute([{ at: 0, mib: 80 }])).toBe(0);
  });
});

describe('memoryTrend', () => {
  it('calls a series that climbs then levels off bounded, with its figures', () => {
    const trend = memoryTrend(
      40,
      series(600, 10, (at) => Math.min(100, 60 + at / 5) + (at % 20 === 0 ? 3 : 0)),
      600,
    );
    expect(trend).toMatchObject({ idle: 40, loadedStart: 63, peak: 103, verdict: Verdicts.bounded });
    expect(trend.end).toBe(103);
  });

  it('calls a series still climbing in its last half a grower', () => {
    const trend = memoryTrend(
      40,
      series(600, 10, (at) => 60 + at / 20),
      600,
    );
    expect(trend.slopePerMinute).toBeCloseTo(3, 6);
    expect(trend.verdict).toBe(Verdicts.grows);
  });

  it('calls a sawtooth whose last half climbs inside the range it already reached bounded', () => {
    // Peaks of 280 MiB in the first half; the last half climbs from 180 to 240 MiB.
    const trend = memoryTrend(
      120,
      series(600, 10, (at) => (at < 300 ? (at % 120 < 60 ? 280 : 190) : 180 + (at - 300) / 5)),
      600,
    );
    expect(trend.slopePerMinute).toBeGreaterThan(10);
    expect(trend.verdict).toBe(Verdicts.bounded);
  });

  it('lets a large process drift by less than 1 % of its size per minute', () => {
    expect(
      memoryTrend(
        400,
        series(600, 10, (at) => 500 + at / 15),
        600,
      ).verdict,
    ).toBe(Verdicts.bounded);
  });

  it('gives no verdict on too few samples', () => {
    expect(
      memoryTrend(
        40,
        series(20, 10, () => 50),
        20,
      ).verdict,
    ).toBe(Verdicts.tooShort);
  });
});

describe('heapTrend', () => {
  it('gives the first and last heap figures and the slope of the last half', () => {
    const samples = series(600, 10, (at) => (at < 300 ? 20 + at / 10 : 50 + (at - 300) / 60));
    expect(heapTrend(samples, 600)).toEqual({ start: 20, end: 55, slopePerMinute: expect.closeTo(1, 6) });
  });

  it('is undefined for a process without heap figures', () => {
    expect(heapTrend([], 600)).toBeUndefined();
  });
});
