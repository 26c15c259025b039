import { validateCronJobTrigger } from './cronjob-trigger-validator.js';
import type { CronJobTrigger } from './resource-types.js';
import { aCronJobTrigger } from './testing.js';

const cronExpected =
  'is not a valid cron expression; expected minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-7)';

describe('validateCronJobTrigger', () => {
  it.each([
    ['every minute', '* * * * *'],
    ['steps and ranges', '*/15 9-17 * * 1-5'],
    ['names', '0 0 1 jan,jul mon'],
    ['Kubernetes "?"', '0 12 ? * *'],
    ['@hourly', '@hourly'],
    ['@midnight', '@midnight'],
  ])('accepts %s', (_name, schedule) => {
    expect(validateCronJobTrigger(aCronJobTrigger().withSchedule(schedule).build())).toEqual([]);
  });

  it.each(['UTC', 'US/Eastern', 'Etc/GMT+1', 'Asia/Kolkata'])('accepts the time zone %s', (timezone) => {
    expect(validateCronJobTrigger(aCronJobTrigger().withTimezone(timezone).build())).toEqual([]);
  });

  it('accepts a timezone, a policy and limits', () => {
    const trigger = aCronJobTrigger()
      .withTimezone('Europe/Paris')
      .withConcurrencyPolicy('Forbid')
      .withPayload({ a: 1 })
      .withSpec({ successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 1 })
      .build();
    expect(validateCronJobTrigger(trigger)).toEqual([]);
  });

  const bad: [string, CronJobTrigger, string, string][] = [
    [
      'empty schedule',
      aCronJobTrigger().withSchedule('').build(),
      'spec.schedule',
      'is empty; expected a cron expression such as "*/5 * * * *" or a macro such as @hourly',
    ],
    [
      'four fields',
      aCronJobTrigger().withSchedule('* * * *').build(),
      'spec.schedule',
      '"* * * *" has 4 fields; expected 5 (minute hour day-of-month month day-of-week), e.g. "*/5 * * * *"',
    ],
    [
      'six fields (seconds)',
      aCronJobTrigger().withSchedule('0 * * * * *').build(),
      'spec.schedule',
      '"0 * * * * *" has 6 fields; expected 5 (minute hour day-of-month month day-of-week), e.g. "*/5 * * * *"',
    ],
    [
      'minute 61',
      aCronJobTrigger().withSchedule('61 * * * *').build(),
      'spec.schedule',
      `"61 * * * *" ${cronExpected}`,
    ],
    ['hour 24', aCronJobTrigger().withSchedule('0 24 * * *').build(), 'spec.schedule', `"0 24 * * *" ${cronExpected}`],
    [
      'words for fields',
      aCronJobTrigger().withSchedule('every day * * *').build(),
      'spec.schedule',
      `"every day * * *" ${cronExpected}`,
    ],
    [
      'unknown macro',
      aCronJobTrigger().withSchedule('@every 5m').build(),
      'spec.schedule',
      'unknown macro "@every 5m"; expected one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly',
    ],
    [
      'TZ in the schedule',
      aCronJobTrigger().withSchedule('TZ=UTC 0 * * * *').build(),
      'spec.schedule',
      'must not contain TZ= or CRON_TZ=; set spec.timezone instead',
    ],
    [
      'unknown timezone',
      aCronJobTrigger().withTimezone('Mars/Olympus').build(),
      'spec.timezone',
      '"Mars/Olympus" is not an IANA time zone name; expected e.g. UTC or Europe/Paris',
    ],
    [
      'lowercase timezone',
      aCronJobTrigger().withTimezone('europe/paris').build(),
      'spec.timezone',
      '"europe/paris" has the wrong case; expected "Europe/Paris"',
    ],
    [
      'offset timezone',
      aCronJobTrigger().withTimezone('+02:00').build(),
      'spec.timezone',
      '"+02:00" is not an IANA time zone name; expected e.g. UTC or Europe/Paris',
    ],
    [
      'empty function name',
      aCronJobTrigger().forFunction('').build(),
      'spec.function-name',
      'is required; expected the name of a Function in the same namespace',
    ],
    [
      'function name with dot',
      aCronJobTrigger().forFunction('a.b').build(),
      'spec.function-name',
      '"a.b" is not a valid DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit',
    ],
    [
      'negative history',
      aCronJobTrigger().withSpec({ failedJobsHistoryLimit: -1 }).build(),
      'spec.failedJobsHistoryLimit',
      '-1 is not allowed; expected a whole number of 0 or more',
    ],
    [
      'fractional deadline',
      aCronJobTrigger().withSpec({ startingDeadlineSeconds: 1.5 }).build(),
      'spec.startingDeadlineSeconds',
      '1.5 is not allowed; expected a whole number of 0 or more',
    ],
    [
      'unknown policy',
      aCronJobTrigger()
        .withSpec({ concurrencyPolicy: 'Never' as never })
        .build(),
      'spec.concurrencyPolicy',
      '"Never" is not a policy; expected one of Allow, Forbid, Replace',
    ],
  ];

  it.each(bad)('rejects %s', (_name, trigger, field, message) => {
    expect(validateCronJobTrigger(trigger)).toContainEqual({ field, message });
  });
});
