import { parseDuration } from './duration.js';
import { parseKeyValues, parseList } from './key-values.js';
import { writeMode } from './write-mode.js';

describe('key/value flags', () => {
  it('splits at the first = or :, repeated or comma separated', () => {
    expect(parseKeyValues(['a=1,b:2', 'c=x=y', 'url:http://h', 'flag'])).toEqual({
      a: '1',
      b: '2',
      c: 'x=y',
      url: 'http://h',
      flag: '',
    });
  });

  it('lists', () => {
    expect(parseList(['a,b', ' c '])).toEqual(['a', 'b', 'c']);
  });
});

describe('durations', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['500ms', 500],
  ])('%s', (text, ms) => expect(parseDuration(text, '--wait')).toBe(ms));

  it('refuses garbage', () => {
    expect(() => parseDuration('soon', '--wait')).toThrow(
      '--wait=soon is not a duration; expected e.g. 90s, 2m or 1m30s',
    );
  });
});

describe('write mode', () => {
  it('defaults to a real write', () => expect(writeMode({})).toEqual({ dryRun: 'none', format: 'yaml' }));
  it('bare --dry-run and --dryrun mean client', () => {
    expect(writeMode({ 'dry-run': '' }).dryRun).toBe('client');
    expect(writeMode({ dryrun: true }).dryRun).toBe('client');
  });
  it('server with json', () =>
    expect(writeMode({ 'dry-run': 'server', output: 'json' })).toEqual({ dryRun: 'server', format: 'json' }));
  it('refuses unknown modes and -o without a dry run', () => {
    expect(() => writeMode({ 'dry-run': 'maybe' })).toThrow(
      '--dry-run=maybe is not supported; expected client, server or none',
    );
    expect(() => writeMode({ output: 'json' })).toThrow('-o json needs --dry-run');
  });
});
