import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntimeLogger } from './runtime-logger.js';

describe('createRuntimeLogger', () => {
  let dir: string;
  let file: string;
  let fd: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runtime-logger-'));
    file = join(dir, 'out.log');
    fd = openSync(file, 'w');
  });

  afterEach(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = (): Record<string, unknown>[] =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('holds access-log lines until the buffer is flushed', () => {
    const { logger, flushSync } = createRuntimeLogger({ level: 'info', fd, flushIntervalMs: 3_600_000 });
    logger.info({ method: 'GET', url: '/', statusCode: 200, ms: 1 }, 'request');
    expect(lines()).toEqual([]);
    flushSync();
    expect(lines()).toEqual([expect.objectContaining({ runtime: 'nodejs', method: 'GET', msg: 'request' })]);
  });

  it('writes a warning at once, after the lines buffered before it', () => {
    const { logger } = createRuntimeLogger({ level: 'info', fd, flushIntervalMs: 3_600_000 });
    logger.info({ url: '/a' }, 'request');
    logger.warn({ inFlight: 1 }, 'function worker is blocked after a timeout; replacing it');
    expect(lines().map((line) => line['msg'])).toEqual([
      'request',
      'function worker is blocked after a timeout; replacing it',
    ]);
  });

  it("keeps access-log lines and the runtime's own lines in the order they were logged", () => {
    const { logger, accessLog, flushSync } = createRuntimeLogger({ level: 'info', fd, flushIntervalMs: 3_600_000 });
    accessLog({ method: 'GET', url: '/first', statusCode: 200, ms: 1 });
    logger.info({}, 'function worker ready');
    accessLog({ method: 'GET', url: '/second', statusCode: 200, ms: 1 });
    expect(lines()).toEqual([]);
    flushSync();
    expect(lines().map((line) => line['url'] ?? line['msg'])).toEqual(['/first', 'function worker ready', '/second']);
  });

  it('writes no access-log line when the level is above info', () => {
    const { logger, accessLog, flushSync } = createRuntimeLogger({ level: 'warn', fd, flushIntervalMs: 3_600_000 });
    accessLog({ method: 'GET', url: '/', statusCode: 200, ms: 1 });
    logger.warn({}, 'shown');
    flushSync();
    expect(lines().map((line) => line['msg'])).toEqual(['shown']);
  });
});
