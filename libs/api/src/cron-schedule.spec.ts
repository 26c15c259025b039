import { jest } from '@jest/globals';
import { timezoneError } from './cron-schedule.js';

describe('timezoneError', () => {
  it('gives the same answers when asked again (answers are kept)', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(timezoneError('Europe/Paris')).toBeUndefined();
      expect(timezoneError('europe/paris')).toBe('"europe/paris" has the wrong case; expected "Europe/Paris"');
      expect(timezoneError('Mars/Olympus')).toMatch(/is not an IANA time zone name/);
    }
  });

  it('asks Intl once per zone: later lookups come from the memo', () => {
    timezoneError('America/Chicago');
    const formats = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 100; i += 1) expect(timezoneError('America/Chicago')).toBeUndefined();
      expect(formats).not.toHaveBeenCalled();
      timezoneError('Asia/Tokyo');
      expect(formats).toHaveBeenCalledTimes(1);
    } finally {
      formats.mockRestore();
    }
  });
});
