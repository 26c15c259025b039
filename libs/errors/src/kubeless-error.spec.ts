import { ErrorCodes, KubelessError, toKubelessError } from './index.js';

describe('KubelessError', () => {
  it('keeps code, hint and cause', () => {
    const cause = new Error('socket hang up');
    const err = new KubelessError({
      code: ErrorCodes.UNREACHABLE.code,
      message: 'cannot reach',
      hint: 'start it',
      cause,
    });
    expect(err.code).toBe('KBL_ERR_UNREACHABLE');
    expect(err.hint).toBe('start it');
    expect(err.cause).toBe(cause);
    expect(err.terminal).toBe(false);
  });

  it('wraps foreign errors once', () => {
    const wrapped = toKubelessError(new TypeError('boom'));
    expect(wrapped.code).toBe('KBL_ERR_INTERNAL');
    expect(toKubelessError(wrapped)).toBe(wrapped);
  });

  it('has unique codes', () => {
    const codes = Object.values(ErrorCodes).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
