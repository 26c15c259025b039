import type { PermitPool } from './permit-pool.js';

/** The parts of a kafkajs eachBatch payload the pump uses (a fake in unit specs). */
export interface BatchPort {
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: string;
  readonly messages: readonly PumpedMessage[];
  /** Synchronous commit of the next offset to read, under this member's generation; rejects if fenced. */
  commit(nextOffset: string): Promise<void>;
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface PumpedMessage {
  readonly offset: string;
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export interface PumpDeps {
  /** In-flight invocations of this partition (the per-partition window). */
  readonly partitionWindow: PermitPool;
  /** In-flight invocations of the whole trigger on this replica. */
  readonly triggerWindow: PermitPool;
  /** Starts one invocation; resolves when it finished. Must not throw. */
  readonly deliver: (message: PumpedMessage) => Promise<void>;
  /** True once the group is being stopped: take nothing new. */
  readonly stopping: () => boolean;
  readonly onCommitted?: (count: number, seconds: number, nextOffset: string) => void;
  readonly onCommitFailed?: (count: number, error: unknown) => void;
  readonly heartbeatEveryMs?: number;
  readonly now?: () => number;
}

/**
 * Delivers one fetched batch with the at-most-once rule: a chunk of messages
 * is invoked only after the offset past its last message was committed
 * synchronously under this member's generation. A failed commit (partition
 * revoked, group rebalancing, broker down) invokes nothing of that chunk or
 * of any later one, and is rethrown once the batch settles, so kafkajs
 * re-joins and the partition's owner delivers from the committed offset.
 *
 * Commits are pipelined: the next chunk's commit may be sent while earlier
 * ones are outstanding (their slots count against the windows), and chunks
 * are dispatched strictly in order once their own commit succeeded. Without
 * that, every message would wait a full commit round trip behind the last.
 *
 * Invocations start in offset order; at most `partitionWindow.size` are in
 * flight (or awaiting their commit) per partition and `triggerWindow.size`
 * per trigger. While both windows are full the pump waits (heartbeating),
 * which holds kafkajs's next fetch: back-pressure without unbounded buffering.
 */
export async function pumpBatch(batch: BatchPort, deps: PumpDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  const messages = batch.messages;
  const release = (count: number): void => {
    deps.partitionWindow.release(count);
    deps.triggerWindow.release(count);
  };
  let chain: Promise<void> = Promise.resolve();
  let failure: { readonly error: unknown } | undefined;
  let index = 0;
  while (index < messages.length && failure === undefined) {
    const granted = await acquire(batch, deps, messages.length - index, now);
    if (granted === 0) break;
    const chunk = messages.slice(index, index + granted);
    const last = chunk[chunk.length - 1];
    // Checked right before the commit is requested; kafkajs cannot re-join while this handler waits for it.
    if (last === undefined || failure !== undefined || !batch.isRunning() || batch.isStale() || deps.stopping()) {
      release(chunk.length);
      break;
    }
    const nextOffset = (BigInt(last.offset) + 1n).toString();
    const started = now();
    const commit = batch.commit(nextOffset);
    commit.catch(() => undefined);
    chain = chain.then(async () => {
      try {
        await commit;
      } catch (error) {
        failure ??= { error };
      }
      // After a refused commit this member delivers nothing more of the batch, even chunks whose own commit
      // was accepted: the partition is presumably moving, and skipping is always safe (at most the window).
      if (failure !== undefined) {
        release(chunk.length);
        deps.onCommitFailed?.(chunk.length, failure.error);
        return;
      }
      deps.onCommitted?.(chunk.length, (now() - started) / 1000, nextOffset);
      batch.resolveOffset(last.offset);
      for (const message of chunk) void deps.deliver(message).finally(() => release(1));
    });
    index += chunk.length;
  }
  await chain;
  if (failure !== undefined) throw failure.error;
}

/**
 * Waits until the partition window has room for a worthwhile chunk (half the
 * window, or everything left, or the window is empty) and the trigger window
 * has at least one permit. Taking chunks of one whenever a slot frees would
 * turn every message into its own commit round trip.
 */
async function acquire(batch: BatchPort, deps: PumpDeps, remaining: number, now: () => number): Promise<number> {
  const { partitionWindow: partition, triggerWindow: trigger } = deps;
  const want = Math.min(remaining, partition.size);
  const worthwhile = Math.min(want, Math.ceil(partition.size / 2));
  const heartbeatEvery = deps.heartbeatEveryMs ?? 1_000;
  let lastBeat = now();
  for (;;) {
    if (!batch.isRunning() || batch.isStale() || deps.stopping()) return 0;
    const roomInPartition = partition.available >= worthwhile;
    if (roomInPartition) {
      const fromPartition = partition.tryAcquire(want);
      if (fromPartition > 0) {
        const fromTrigger = trigger.tryAcquire(fromPartition);
        if (fromPartition > fromTrigger) partition.release(fromPartition - fromTrigger);
        if (fromTrigger > 0) return fromTrigger;
      }
    }
    // Wait on the window that is short: the partition's until a worthwhile chunk is free, else the trigger's.
    const wait = roomInPartition
      ? trigger.waitForRelease(heartbeatEvery)
      : partition.waitForRelease(heartbeatEvery, worthwhile);
    await wait.promise;
    wait.cancel();
    if (now() - lastBeat >= heartbeatEvery) {
      await batch.heartbeat();
      lastBeat = now();
    }
  }
}
