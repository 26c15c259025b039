import { timezoneError } from './cron-schedule.js';

describe('timezoneError', () => {
  it('gives the same answers when asked again (answers are kept)', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(timezoneError('Europe/Paris')).toBeUndefined();
      expect(timezoneError('europe/paris')).toBe('"europe/paris" has the wrong case; expected "Europe/Paris"');
      expect(timezoneError('Mars/Olympus')).toMatch(/is not an IANA time zone name/);
    }
  });

  it('is cheap once a zone was checked', () => {
    timezoneError('America/New_York');
    const started = performance.now();
    for (let i = 0; i < 10_000; i += 1) timezoneError('America/New_York');
    // ~0.5 ms each uncached; 10 000 cached lookups take well under that many milliseconds.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
