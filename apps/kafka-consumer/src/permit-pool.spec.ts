import { PermitPool } from './permit-pool.js';

const settle = () => new Promise((r) => setImmediate(r));

describe('PermitPool', () => {
  it('hands out at most its size and takes them back', () => {
    const pool = new PermitPool(4);
    expect(pool.tryAcquire(3)).toBe(3);
    expect(pool.tryAcquire(3)).toBe(1);
    expect(pool.inUse).toBe(4);
    pool.release(4);
    expect(pool.available).toBe(4);
  });

  it('wakes a waiter for several permits only once that many are free', async () => {
    const pool = new PermitPool(4);
    pool.tryAcquire(4);
    const wait = pool.waitForRelease(60_000, 3);
    let woken = false;
    void wait.promise.then(() => (woken = true));
    pool.release(1);
    pool.release(1);
    await settle();
    expect(woken).toBe(false);
    pool.release(1);
    await settle();
    expect(woken).toBe(true);
    expect(pool.tryAcquire(4)).toBe(3);
  });

  it('refuses permits to newcomers while someone waits, until the wait is withdrawn', () => {
    const pool = new PermitPool(2);
    pool.tryAcquire(2);
    const wait = pool.waitForRelease(60_000, 2);
    pool.release(1);
    expect(pool.tryAcquire(1)).toBe(0);
    wait.cancel();
    expect(pool.tryAcquire(1)).toBe(1);
  });
});
