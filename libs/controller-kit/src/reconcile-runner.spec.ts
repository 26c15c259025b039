import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { ReconcileOutcome } from './controller-metrics.js';
import { FakeClock } from './fake-clock.js';
import { createLogger } from './logger.js';
import { ReconcileRunner } from './reconcile-runner.js';
import type { ReconcileContext, ReconcileResult } from './reconciler.js';
import { WorkQueue } from './work-queue.js';

type Behaviour = (key: string, ctx: ReconcileContext) => Promise<ReconcileResult | void>;

function setup(behaviour: Behaviour, workers = 1) {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock });
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: 'test',
    level: 'debug',
    destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const outcomes: ReconcileOutcome[] = [];
  const calls: string[] = [];
  let ids = 0;
  const runner = new ReconcileRunner({
    controller: 'sample',
    queue,
    workers,
    clock,
    logger,
    metrics: { reconciled: (outcome) => outcomes.push(outcome) },
    newReconcileId: () => `r${++ids}`,
    reconciler: {
      reconcile: (key, ctx) => {
        calls.push(key);
        return behaviour(key, ctx);
      },
    },
  });
  const controller = new AbortController();
  const running = runner.run(controller.signal);
  const errorLines = (): Array<Record<string, unknown>> => lines.filter((l) => l.level === 'error');
  const stop = async (): Promise<void> => {
    controller.abort();
    await running;
  };
  return { clock, queue, lines, errorLines, outcomes, calls, stop };
}

describe('ReconcileRunner', () => {
  it('forgets a key that reconciled and logs with the per-reconcile fields', async () => {
    const t = setup(async () => undefined);
    t.queue.add('ns/a');
    await t.clock.flush();
    expect(t.calls).toEqual(['ns/a']);
    expect(t.outcomes).toEqual(['success']);
    expect(t.queue.numRequeues('ns/a')).toBe(0);
    expect(t.lines.find((l) => l.msg === 'reconciled')).toMatchObject({
      controller: 'sample',
      namespace: 'ns',
      name: 'a',
      reconcileId: 'r1',
    });
    await t.stop();
  });

  it('retries a thrown error with growing backoff, logging and counting each failure once', async () => {
    let failures = 2;
    const t = setup(async () => {
      if (failures-- > 0) throw new Error('transient');
    });
    t.queue.add('ns/a');
    await t.clock.flush();
    expect(t.clock.pendingTimers()).toEqual([5]);
    await t.clock.advance(5);
    expect(t.clock.pendingTimers()).toEqual([10]);
    await t.clock.advance(10);
    expect(t.calls).toEqual(['ns/a', 'ns/a', 'ns/a']);
    expect(t.outcomes).toEqual(['error', 'error', 'success']);
    expect(t.errorLines()).toHaveLength(2);
    expect(t.errorLines()[1]).toMatchObject({
      msg: 'reconcile failed; will retry',
      retries: 1,
      name: 'a',
      err: { message: 'transient' },
    });
    expect(t.queue.numRequeues('ns/a')).toBe(0);
    await t.stop();
  });

  it('does not retry a terminal error', async () => {
    const t = setup(async () => {
      throw new KubelessError({
        code: ErrorCodes.VALIDATION.code,
        message: 'spec.handler must be module.function',
        terminal: true,
      });
    });
    t.queue.add('ns/a');
    await t.clock.flush();
    await t.clock.advance(60_000);
    expect(t.calls).toEqual(['ns/a']);
    expect(t.outcomes).toEqual(['terminal_error']);
    expect(t.errorLines()).toEqual([expect.objectContaining({ terminal: true, code: 'KBL_ERR_VALIDATION' })]);
    expect(t.clock.pendingTimers()).toEqual([]);
    await t.stop();
  });

  it('requeues after the requested delay', async () => {
    const t = setup(async () => ({ requeueAfterMs: 30_000 }));
    t.queue.add('ns/a');
    await t.clock.flush();
    expect(t.clock.pendingTimers()).toEqual([30_000]);
    await t.clock.advance(30_000);
    expect(t.calls).toEqual(['ns/a', 'ns/a']);
    expect(t.outcomes).toEqual(['requeue_after', 'requeue_after']);
    await t.stop();
  });

  it('runs different keys in parallel but never one key twice at once', async () => {
    const active = new Set<string>();
    let maxParallel = 0;
    let overlap = false;
    const release: Array<() => void> = [];
    const t = setup(async (key) => {
      if (active.has(key)) overlap = true;
      active.add(key);
      maxParallel = Math.max(maxParallel, active.size);
      await new Promise<void>((resolve) => release.push(resolve));
      active.delete(key);
    }, 3);
    for (const key of ['ns/a', 'ns/b', 'ns/c']) t.queue.add(key);
    await t.clock.flush();
    t.queue.add('ns/a');
    await t.clock.flush();
    expect(maxParallel).toBe(3);
    for (let i = 0; i < 4; i++) {
      release.splice(0).forEach((r) => r());
      await t.clock.flush();
    }
    expect(overlap).toBe(false);
    expect(t.calls.filter((k) => k === 'ns/a')).toHaveLength(2);
    await t.stop();
  });

  it('lets in-flight reconciles finish on shutdown and aborts their signal', async () => {
    let finish = (): void => undefined;
    let sawAbort = false;
    const t = setup(
      (_key, ctx) =>
        new Promise<void>((resolve) => {
          finish = () => {
            sawAbort = ctx.signal.aborted;
            resolve();
          };
        }),
    );
    t.queue.add('ns/a');
    await t.clock.flush();
    let stopped = false;
    const stopping = t.stop().then(() => (stopped = true));
    await t.clock.flush();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(sawAbort).toBe(true);
  });
});
