import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { retryOnConflict } from './retry-on-conflict.js';

const conflict = () => new KubelessError({ code: ErrorCodes.CONFLICT.code, message: 'the object has been modified' });

describe('retryOnConflict', () => {
  it('re-runs the whole read-modify-write step after a conflict', async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls++;
      if (calls < 3) throw conflict();
      return 'written';
    });
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('reports the last conflict once the attempts are used up', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw conflict();
      }, 3),
    ).rejects.toMatchObject({ code: 'KBL_ERR_CONFLICT' });
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw new KubelessError({ code: ErrorCodes.FORBIDDEN.code, message: 'no' });
      }),
    ).rejects.toMatchObject({ code: 'KBL_ERR_FORBIDDEN' });
    expect(calls).toBe(1);
  });
});
