import { pino } from 'pino';
import { formatAccessLine } from './access-log.js';
import type { AccessEntry } from './access-log.js';

/** The line pino itself writes for the entry, with the runtime's logger settings and a fixed time. */
function pinoLine(entry: AccessEntry, timeMs: number): string {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info', base: { runtime: 'nodejs' }, timestamp: () => `,"time":${timeMs}` },
    { write: (line: string) => lines.push(line) },
  );
  logger.info({ ...entry }, 'request');
  return lines.join('');
}

describe('formatAccessLine', () => {
  it.each<[string, AccessEntry]>([
    ['a plain call', { method: 'GET', url: '/', statusCode: 200, ms: 1.2 }],
    ['a query string', { method: 'POST', url: '/orders?id=7&x=a%20b', statusCode: 201, ms: 0 }],
    ['quotes and backslashes', { method: 'PUT', url: '/a"b\\c', statusCode: 500, ms: 12.5 }],
    ['non-ASCII text', { method: 'GET', url: '/grüße/\u2028', statusCode: 404, ms: 3 }],
    ['control characters', { method: 'GET', url: '/\u0001\t', statusCode: 400, ms: 1 }],
    ['a long url', { method: 'GET', url: `/${'x"'.repeat(80)}`, statusCode: 200, ms: 1 }],
    ['no method or url', { method: undefined, url: undefined, statusCode: 408, ms: 1000 }],
    ['a duration that is not a number', { method: 'GET', url: '/', statusCode: 200, ms: Number.NaN }],
  ])('writes what pino writes for %s', (_name, entry) => {
    expect(formatAccessLine(entry, 1_796_601_307_434)).toBe(pinoLine(entry, 1_796_601_307_434));
  });
});
