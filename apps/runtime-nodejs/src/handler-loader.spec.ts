import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandlerLoadError, pickHandler, resolveModuleFile } from './handler-loader.js';

const fn = (): string => 'ok';

describe('pickHandler', () => {
  it('finds named ESM exports, CommonJS exports objects and bare function exports', () => {
    expect(pickHandler({ hello: fn }, 'hello')).toBe(fn);
    expect(pickHandler({ default: { hello: fn } }, 'hello')).toBe(fn);
    expect(pickHandler({ default: fn }, 'whatever')).toBe(fn);
  });

  it('names the missing handler', () => {
    expect(() => pickHandler({ default: { other: fn } }, 'hello')).toThrow(
      new HandlerLoadError('the function module does not export a function named hello'),
    );
  });
});

describe('resolveModuleFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeless-resolve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers .js, then .mjs, then .cjs', async () => {
    writeFileSync(join(dir, 'a.cjs'), '');
    writeFileSync(join(dir, 'a.mjs'), '');
    expect(await resolveModuleFile(dir, 'a')).toBe(join(dir, 'a.mjs'));
    writeFileSync(join(dir, 'a.js'), '');
    expect(await resolveModuleFile(dir, 'a')).toBe(join(dir, 'a.js'));
  });

  it('fails with the names it looked for', async () => {
    await expect(resolveModuleFile(dir, 'none')).rejects.toThrow(`no none.js, none.mjs, none.cjs in ${dir}`);
  });
});
