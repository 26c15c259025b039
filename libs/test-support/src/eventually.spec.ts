import { eventually, required } from './eventually.js';

describe('eventually', () => {
  it('returns the first value a check returns without throwing', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return calls;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
  });

  it('throws the last failure of the check once the time is up', async () => {
    let calls = 0;
    await expect(
      eventually(
        async () => {
          calls += 1;
          throw new Error(`failure ${calls}`);
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(`failure`);
    expect(calls).toBeGreaterThan(1);
  });

  it('takes a bare number as the timeout', async () => {
    await expect(eventually(() => Promise.reject(new Error('never')), 1)).rejects.toThrow('never');
  });
});

describe('required', () => {
  it('passes values through and names what is missing', () => {
    expect(required(0, 'zero')).toBe(0);
    expect(() => required(undefined, 'the Lease')).toThrow('the Lease: not there yet');
  });
});
