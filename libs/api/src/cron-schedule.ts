import nodeCron from 'node-cron';

/** The descriptors Kubernetes CronJobs accept in place of five fields. */
export const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'] as const;

const FIELD_COUNT = 5;

/**
 * Checks a schedule the way a Kubernetes CronJob reads it: five fields or a
 * macro. node-cron also takes a sixth (seconds) field, which Kubernetes does
 * not, so the field count is checked first. `?` (any) is Kubernetes syntax
 * that node-cron lacks, so it is read as `*`.
 */
export function cronScheduleError(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed === '') return 'is empty; expected a cron expression such as "*/5 * * * *" or a macro such as @hourly';
  if (/^(CRON_)?TZ=/.test(trimmed)) return 'must not contain TZ= or CRON_TZ=; set spec.timezone instead';
  if (trimmed.startsWith('@')) {
    return (CRON_MACROS as readonly string[]).includes(trimmed)
      ? undefined
      : `unknown macro "${trimmed}"; expected one of ${CRON_MACROS.join(', ')}`;
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== FIELD_COUNT) {
    return `"${schedule}" has ${fields.length} fields; expected 5 (minute hour day-of-month month day-of-week), e.g. "*/5 * * * *"`;
  }
  if (!nodeCron.validate(fields.map((field) => field.replace(/\?/g, '*')).join(' '))) {
    return `"${schedule}" is not a valid cron expression; expected minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-7)`;
  }
  return undefined;
}

/**
 * Building an Intl.DateTimeFormat costs ~0.5 ms, and controllers check every
 * trigger on every reconcile; the zone database does not change while the
 * process runs, so answers are kept (bounded, as names come from users).
 */
const zoneAnswers = new Map<string, string | undefined>();
const MAX_ZONE_ANSWERS = 1000;

/** An IANA zone name (`Europe/Paris`, `UTC`), as a CronJob `timeZone` accepts. */
export function timezoneError(timezone: string): string | undefined {
  if (zoneAnswers.has(timezone)) return zoneAnswers.get(timezone);
  const answer = checkTimezone(timezone);
  if (zoneAnswers.size < MAX_ZONE_ANSWERS) zoneAnswers.set(timezone, answer);
  return answer;
}

function checkTimezone(timezone: string): string | undefined {
  const expected = `"${timezone}" is not an IANA time zone name; expected e.g. UTC or Europe/Paris`;
  // Offsets like "+02:00" are accepted by newer Intl versions but not by Kubernetes.
  if (timezone === '' || /^[+-]/.test(timezone) || timezone === 'Local') return expected;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return expected;
  }
  // Intl ignores case but the zone database Kubernetes reads (Go's LoadLocation) does not.
  if (resolved !== timezone && resolved.toLowerCase() === timezone.toLowerCase()) {
    return `"${timezone}" has the wrong case; expected "${resolved}"`;
  }
  return undefined;
}
