import { PermitPool } from './permit-pool.js';
import { pumpBatch, type BatchPort, type PumpedMessage } from './partition-pump.js';

const message = (offset: number): PumpedMessage => ({
  offset: String(offset),
  timestamp: '0',
  key: null,
  value: Buffer.from(`m${offset}`),
});

interface Recorder {
  readonly log: string[];
  committed: bigint;
  running: number;
  maxRunning: number;
}

function fakeBatch(
  offsets: number[],
  recorder: Recorder,
  options: { failCommitAt?: number; commitDelayMs?: number } = {},
): BatchPort {
  let commits = 0;
  return {
    topic: 't',
    partition: 0,
    highWatermark: String((offsets.at(-1) ?? 0) + 1),
    messages: offsets.map(message),
    commit: async (next) => {
      const n = ++commits;
      if (options.commitDelayMs) await new Promise((r) => setTimeout(r, options.commitDelayMs));
      if (options.failCommitAt === n) {
        recorder.log.push(`commit-failed:${next}`);
        throw Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
      }
      if (BigInt(next) > recorder.committed) recorder.committed = BigInt(next);
      recorder.log.push(`commit:${next}`);
    },
    resolveOffset: () => undefined,
    heartbeat: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  };
}

function delivering(recorder: Recorder, delayMs = 1) {
  return async (m: PumpedMessage): Promise<void> => {
    // The contract: nothing is invoked before its offset is committed.
    if (BigInt(m.offset) >= recorder.committed)
      throw new Error(`offset ${m.offset} invoked before commit (${recorder.committed})`);
    recorder.log.push(`invoke:${m.offset}`);
    recorder.running += 1;
    recorder.maxRunning = Math.max(recorder.maxRunning, recorder.running);
    await new Promise((r) => setTimeout(r, delayMs));
    recorder.running -= 1;
  };
}

const recorder = (): Recorder => ({ log: [], committed: -1n, running: 0, maxRunning: 0 });
const drained = async (pool: PermitPool) => {
  while (pool.inUse > 0) await new Promise((r) => setTimeout(r, 1));
};

describe('pumpBatch', () => {
  it('commits each chunk before invoking it, in offset order, within the partition window', async () => {
    const rec = recorder();
    const partitionWindow = new PermitPool(4);
    const triggerWindow = new PermitPool(100);
    await pumpBatch(fakeBatch([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], rec), {
      partitionWindow,
      triggerWindow,
      deliver: delivering(rec, 3),
      stopping: () => false,
    });
    await drained(partitionWindow);
    const invoked = rec.log.filter((l) => l.startsWith('invoke:')).map((l) => Number(l.slice(7)));
    expect(invoked).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(rec.maxRunning).toBeLessThanOrEqual(4);
    expect(rec.log.at(-1)?.startsWith('invoke:') || rec.log.includes('commit:20')).toBe(true);
    expect(rec.committed).toBe(20n);
    expect(triggerWindow.inUse).toBe(0);
  });

  it('invokes nothing of a chunk whose commit fails, and rethrows so kafkajs rejoins', async () => {
    const rec = recorder();
    const partitionWindow = new PermitPool(2);
    const triggerWindow = new PermitPool(10);
    let failed = 0;
    const run = pumpBatch(fakeBatch([0, 1, 2, 3, 4, 5], rec, { failCommitAt: 2 }), {
      partitionWindow,
      triggerWindow,
      deliver: delivering(rec),
      stopping: () => false,
      onCommitFailed: (n) => (failed = n),
    });
    await expect(run).rejects.toThrow('rebalancing');
    await drained(partitionWindow);
    const invoked = rec.log.filter((l) => l.startsWith('invoke:')).map((l) => BigInt(l.slice(7)));
    // Exactly the messages below the last successful commit were invoked; the refused chunk was not.
    expect(invoked).toEqual([...Array(Number(rec.committed)).keys()].map(BigInt));
    expect(failed).toBeGreaterThan(0);
    expect(rec.log.some((l) => l.startsWith('commit-failed:'))).toBe(true);
    expect(triggerWindow.inUse).toBe(0);
  });

  it('with a window of 1 delivers strictly one after another', async () => {
    const rec = recorder();
    const partitionWindow = new PermitPool(1);
    await pumpBatch(fakeBatch([0, 1, 2], rec), {
      partitionWindow,
      triggerWindow: new PermitPool(10),
      deliver: delivering(rec, 2),
      stopping: () => false,
    });
    await drained(partitionWindow);
    expect(rec.log).toEqual(['commit:1', 'invoke:0', 'commit:2', 'invoke:1', 'commit:3', 'invoke:2']);
    expect(rec.maxRunning).toBe(1);
  });

  it('shares the trigger window between partitions and waits for it (back-pressure)', async () => {
    const rec = recorder();
    const triggerWindow = new PermitPool(3);
    const a = pumpBatch(fakeBatch([0, 1, 2, 3, 4], rec), {
      partitionWindow: new PermitPool(8),
      triggerWindow,
      deliver: delivering(rec, 5),
      stopping: () => false,
    });
    const rec2 = recorder();
    const b = pumpBatch(
      { ...fakeBatch([0, 1, 2, 3, 4], rec2), partition: 1 },
      { partitionWindow: new PermitPool(8), triggerWindow, deliver: delivering(rec2, 5), stopping: () => false },
    );
    let peak = 0;
    const probe = setInterval(() => (peak = Math.max(peak, triggerWindow.inUse)), 1);
    await Promise.all([a, b]);
    await drained(triggerWindow);
    clearInterval(probe);
    expect(peak).toBeLessThanOrEqual(3);
    expect(
      rec.log.filter((l) => l.startsWith('invoke')).length + rec2.log.filter((l) => l.startsWith('invoke')).length,
    ).toBe(10);
  });

  it('takes nothing new once stopping, and nothing from a stale batch', async () => {
    const rec = recorder();
    await pumpBatch(fakeBatch([0, 1], rec), {
      partitionWindow: new PermitPool(4),
      triggerWindow: new PermitPool(4),
      deliver: delivering(rec),
      stopping: () => true,
    });
    await pumpBatch(
      { ...fakeBatch([0, 1], rec), isStale: () => true },
      {
        partitionWindow: new PermitPool(4),
        triggerWindow: new PermitPool(4),
        deliver: delivering(rec),
        stopping: () => false,
      },
    );
    expect(rec.log).toEqual([]);
  });

  it('heartbeats while waiting for a slow function', async () => {
    const rec = recorder();
    let beats = 0;
    const partitionWindow = new PermitPool(1);
    const batch = { ...fakeBatch([0, 1], rec), heartbeat: async () => void (beats += 1) };
    await pumpBatch(batch, {
      partitionWindow,
      triggerWindow: new PermitPool(4),
      deliver: delivering(rec, 60),
      stopping: () => false,
      heartbeatEveryMs: 20,
    });
    await drained(partitionWindow);
    expect(beats).toBeGreaterThanOrEqual(1);
  });

  it('pipelines commits but dispatches chunks in order, each only after its own commit', async () => {
    const rec = recorder();
    const partitionWindow = new PermitPool(8);
    let outstanding = 0;
    let maxOutstanding = 0;
    const batch = fakeBatch(
      Array.from({ length: 40 }, (_, i) => i),
      rec,
      { commitDelayMs: 10 },
    );
    const commit = batch.commit;
    const pipelined = {
      ...batch,
      commit: async (next: string) => {
        outstanding += 1;
        maxOutstanding = Math.max(maxOutstanding, outstanding);
        try {
          await commit(next);
        } finally {
          outstanding -= 1;
        }
      },
    };
    await pumpBatch(pipelined, {
      partitionWindow,
      triggerWindow: new PermitPool(100),
      deliver: delivering(rec, 1),
      stopping: () => false,
    });
    await drained(partitionWindow);
    expect(maxOutstanding).toBeGreaterThan(1);
    expect(rec.log.filter((l) => l.startsWith('invoke:')).map((l) => Number(l.slice(7)))).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
  });

  it('delivers nothing after a refused commit, even if a later commit was accepted', async () => {
    const rec = recorder();
    const partitionWindow = new PermitPool(4);
    const run = pumpBatch(
      fakeBatch(
        Array.from({ length: 20 }, (_, i) => i),
        rec,
        { failCommitAt: 2, commitDelayMs: 5 },
      ),
      { partitionWindow, triggerWindow: new PermitPool(100), deliver: delivering(rec, 1), stopping: () => false },
    );
    await expect(run).rejects.toThrow('rebalancing');
    await drained(partitionWindow);
    const failedAt = rec.log.findIndex((l) => l.startsWith('commit-failed:'));
    expect(rec.log.slice(failedAt).some((l) => l.startsWith('invoke:'))).toBe(false);
  });
});
