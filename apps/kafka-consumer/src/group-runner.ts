import { setMaxListeners } from 'node:events';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { fetchTopicIds, type Consumer, type EachBatchPayload, type Kafka } from '@kubeless-ts/kafka';
import type { Logger } from '@kubeless-ts/controller-kit';
import type { ConsumerMetrics, FailureReason } from './consumer-metrics.js';
import type { GroupSpec } from './desired-groups.js';
import { CommitCoalescer } from './commit-coalescer.js';
import { eventHeaders } from './event-envelope.js';
import type { FunctionInvoker } from './function-invoker.js';
import { PermitPool } from './permit-pool.js';
import { pumpBatch, type PumpedMessage } from './partition-pump.js';

export interface DeliverySettings {
  readonly partitionWindow: number;
  readonly invokeTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly partitionsConcurrently: number;
  readonly userAgent: string;
}

export interface GroupRunnerOptions {
  readonly kafka: Kafka;
  readonly spec: GroupSpec;
  readonly triggerWindow: PermitPool;
  readonly settings: DeliverySettings;
  readonly invoker: FunctionInvoker;
  readonly metrics: ConsumerMetrics;
  readonly logger: Logger;
  /** One failed invocation (already counted in metrics). */
  readonly onFailure: (reason: FailureReason, detail: string) => void;
  /** kafkajs gave up (non-retriable crash): the supervisor replaces this runner. */
  readonly onDead: () => void;
}

export interface GroupSnapshot {
  readonly groupId: string;
  readonly joined: boolean;
  readonly assigned: readonly number[];
  readonly inFlight: number;
  /** Taken out of service and still finishing its in-flight invocations (or deleting its group). */
  readonly stopping?: boolean;
}

/** What the supervisor needs of a runner (a fake in its unit spec). */
export interface ManagedRunner {
  readonly dead: boolean;
  url: string;
  snapshot(): GroupSnapshot;
  start(): Promise<void>;
  stop(cutOffAt?: number): Promise<void>;
  abortInFlightAt(at: number): void;
}

/** One kafkajs consumer in one consumer group, delivering to one function. */
export class GroupRunner implements ManagedRunner {
  #url: string;
  #consumer: Consumer | undefined;
  #stopping = false;
  #dead = false;
  #joined = false;
  #assigned: number[] = [];
  #startedAt = 0;
  /** The topic's id for event ids; looked up at start, on every join and when offsets go backwards. */
  #topicId = '';
  /** Highest offset delivered per partition under #topicId: a batch starting at or below it means the topic was re-created. */
  readonly #highest = new Map<number, bigint>();
  /** Settles once this generation's partitions without a committed offset were positioned. */
  #positioned: Promise<void> = Promise.resolve();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #windows = new Map<number, PermitPool>();
  readonly #commits: CommitCoalescer;
  /** Aborts every in-flight invocation when the shutdown grace is over. */
  readonly #cutOff = new AbortController();
  #abortAt = Number.POSITIVE_INFINITY;
  #abortTimer: NodeJS.Timeout | undefined;
  readonly #labels;
  /** Label children resolved once: looking labels up per message costs more than the rest of the bookkeeping. */
  readonly #m;

  constructor(private readonly options: GroupRunnerOptions) {
    this.#url = options.spec.url;
    this.#commits = new CommitCoalescer(options.spec.bindingTag);
    // Every in-flight invocation listens on it (up to the windows): not a leak.
    setMaxListeners(0, this.#cutOff.signal);
    this.#labels = {
      namespace: options.spec.namespace,
      trigger: options.spec.trigger,
      function: options.spec.function,
    };
    const { metrics } = options;
    this.#m = {
      consumed: metrics.consumed.labels(this.#labels),
      invoked: metrics.invoked.labels(this.#labels),
      notInvoked: metrics.notInvoked.labels(this.#labels),
      inFlight: metrics.inFlight.labels(this.#labels),
      commitSeconds: metrics.commitSeconds.labels(this.#labels),
      invokeSeconds: metrics.invokeSeconds.labels(this.#labels),
    };
  }

  get dead(): boolean {
    return this.#dead;
  }

  get url(): string {
    return this.#url;
  }

  /** The endpoint can move (service port changed) without restarting the group. */
  set url(url: string) {
    this.#url = url;
  }

  snapshot(): GroupSnapshot {
    return {
      groupId: this.options.spec.groupId,
      joined: this.#joined,
      assigned: [...this.#assigned],
      inFlight: this.#inFlight.size,
    };
  }

  async start(): Promise<void> {
    const { kafka, spec, settings } = this.options;
    const consumer = kafka.consumer({
      groupId: spec.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: Math.max(500, Math.floor(settings.sessionTimeoutMs / 6)),
      rebalanceTimeout: Math.max(settings.sessionTimeoutMs, 30_000),
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 1_048_576,
    });
    this.#consumer = consumer;
    this.#startedAt = Date.now();
    // Without the id no event id can be given, so the group does not start (the reconcile retries with backoff).
    await this.#refreshTopicId();
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.#assigned = [...(event.payload.memberAssignment[spec.topic] ?? [])].sort((a, b) => a - b);
      // Emitted before kafkajs fetches for the new generation, so every batch of it awaits this.
      this.#positioned = Promise.all([
        this.#positionUncommitted(consumer, this.#assigned),
        this.#refreshTopicId().catch((error: unknown) =>
          this.options.logger.warn(
            { group: spec.groupId, err: error },
            'could not re-read the topic id; keeping the last one',
          ),
        ),
      ])
        .then(() => undefined)
        .finally(() => {
          this.#joined = true;
        });
      this.options.logger.info({ group: spec.groupId, partitions: this.#assigned }, 'joined consumer group');
    });
    consumer.on(consumer.events.REBALANCING, () => {
      this.#joined = false;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.#joined = false;
      if (event.payload.restart) return;
      this.#dead = true;
      this.options.logger.error(
        { group: spec.groupId, err: event.payload.error },
        'consumer crashed and will be recreated',
      );
      this.options.onDead();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [spec.topic], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsConcurrently,
      eachBatch: (payload) => this.#onBatch(payload),
    });
  }

  /**
   * Stops fetching at once and lets committed invocations finish; the ones still running at
   * `cutOffAt` (epoch ms; see abortInFlightAt) are aborted, a `shutdown` failure each (committed,
   * so never re-delivered). Then leaves the group, so its partitions move without waiting for
   * the session to expire.
   */
  async stop(cutOffAt = Number.POSITIVE_INFINITY): Promise<void> {
    this.#stopping = true;
    this.abortInFlightAt(cutOffAt);
    const consumer = this.#consumer;
    // No new fetch starts; the pump takes nothing more from a batch already fetched.
    const fetching = consumer === undefined ? Promise.resolve() : consumer.stop().catch(() => undefined);
    await Promise.all([...this.#inFlight]);
    await fetching;
    // A chunk whose commit was already on the wire when stopping began is dispatched after it succeeds.
    await Promise.all([...this.#inFlight]);
    clearTimeout(this.#abortTimer);
    if (consumer !== undefined) await consumer.disconnect().catch(() => undefined);
  }

  /** Aborts the invocations still in flight at `at` (epoch ms); an earlier time replaces a later one. */
  abortInFlightAt(at: number): void {
    if (!Number.isFinite(at) || at >= this.#abortAt) return;
    this.#abortAt = at;
    clearTimeout(this.#abortTimer);
    this.#abortTimer = setTimeout(
      () => {
        if (this.#inFlight.size > 0)
          this.options.logger.warn(
            { group: this.options.spec.groupId, inFlight: this.#inFlight.size },
            'shutdown grace over: aborting in-flight invocations',
          );
        this.#cutOff.abort();
      },
      Math.max(0, at - Date.now()),
    );
  }

  #window(partition: number): PermitPool {
    let window = this.#windows.get(partition);
    if (window === undefined) {
      window = new PermitPool(this.options.settings.partitionWindow);
      this.#windows.set(partition, window);
    }
    return window;
  }

  /**
   * Positions every partition of a new generation explicitly, before any batch of it is handled.
   *
   * A partition nobody ever committed on (or only an earlier binding did) starts at the first
   * message produced after this group started here, instead of kafkajs's "latest at first fetch",
   * which would skip what was produced in between. Safe against duplicates: no committed offset
   * means no member invoked anything of it, because every invocation is preceded by a commit.
   *
   * Every other assigned partition is sought to its committed offset. kafkajs keeps a seek until
   * the partition is next fetched, in any later generation: a seek issued for a partition that was
   * revoked before its first fetch (a second replica joining right after the first) would
   * otherwise be applied when the partition comes back, maybe long after others committed far
   * past it, and this member would commit backwards and invoke again what was already invoked
   * (seen in test/pause.int.spec.ts). Seeking to the committed offset replaces any such seek; with
   * auto-commit off a seek only moves the local position.
   */
  async #positionUncommitted(consumer: Consumer, partitions: readonly number[]): Promise<void> {
    if (partitions.length === 0) return;
    const { kafka, spec, logger } = this.options;
    const admin = kafka.admin();
    try {
      await admin.connect();
      const [committed] = await admin.fetchOffsets({ groupId: spec.groupId, topics: [spec.topic] });
      const assigned = (committed?.partitions ?? []).filter((p) => partitions.includes(p.partition));
      const uncommitted = new Set(
        assigned.filter((p) => Number(p.offset) < 0 || !this.#ownCommit(p.metadata)).map((p) => p.partition),
      );
      for (const p of assigned)
        if (!uncommitted.has(p.partition))
          consumer.seek({ topic: spec.topic, partition: p.partition, offset: p.offset });
      if (uncommitted.size === 0) return;
      const starts = await admin.fetchTopicOffsetsByTimestamp(spec.topic, this.#startedAt);
      for (const start of starts)
        if (uncommitted.has(start.partition))
          consumer.seek({ topic: spec.topic, partition: start.partition, offset: start.offset });
    } catch (error) {
      logger.warn(
        { group: spec.groupId, err: error },
        'could not position new partitions; they start at the end of the topic',
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * An offset committed under another binding tag was left by an earlier binding with the same
   * group id (the trigger was deleted and re-created while no replica could delete the group), so
   * resuming from it would replay what was produced while no binding existed. Offsets committed
   * before commits carried a tag (empty metadata) are resumed, so an upgrade loses nothing.
   */
  #ownCommit(metadata: string | null): boolean {
    return metadata === null || metadata === '' || metadata === this.options.spec.bindingTag;
  }

  async #refreshTopicId(): Promise<void> {
    const { kafka, spec } = this.options;
    const id = (await fetchTopicIds(kafka, [spec.topic])).get(spec.topic);
    if (id === undefined)
      throw new KubelessError({
        code: ErrorCodes.KAFKA.code,
        message: `topic ${spec.topic} has no id on the brokers (deleted?)`,
        hint: 'The group starts again once the topic exists.',
      });
    if (id !== this.#topicId) this.#highest.clear();
    this.#topicId = id;
  }

  async #onBatch(payload: EachBatchPayload): Promise<void> {
    await this.#positioned;
    // A seek issued while positioning makes this batch stale: kafkajs refetches from the new position.
    if (payload.isStale()) return;
    const { batch } = payload;
    const first = batch.messages[0];
    const highest = this.#highest.get(batch.partition);
    // Offsets only grow within one topic incarnation: going back means it was deleted and created again.
    if (first !== undefined && highest !== undefined && BigInt(first.offset) <= highest) await this.#refreshTopicId();
    const { metrics } = this.options;
    const lagLabels = { ...this.#labels, partition: String(batch.partition) };
    await pumpBatch(
      {
        topic: batch.topic,
        partition: batch.partition,
        highWatermark: batch.highWatermark,
        messages: batch.messages,
        commit: (next) => this.#commits.commit(batch.topic, batch.partition, next, payload.commitOffsetsIfNecessary),
        resolveOffset: payload.resolveOffset,
        heartbeat: payload.heartbeat,
        isRunning: payload.isRunning,
        isStale: payload.isStale,
      },
      {
        partitionWindow: this.#window(batch.partition),
        triggerWindow: this.options.triggerWindow,
        stopping: () => this.#stopping,
        deliver: (message) => {
          const offset = BigInt(message.offset);
          if (offset > (this.#highest.get(batch.partition) ?? -1n)) this.#highest.set(batch.partition, offset);
          return this.#track(this.#deliver(batch.topic, batch.partition, message));
        },
        onCommitted: (count, seconds, next) => {
          this.#m.consumed.inc(count);
          this.#m.commitSeconds.observe(seconds);
          metrics.lag.set(lagLabels, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))));
        },
        onCommitFailed: (count, error) => {
          this.#m.notInvoked.inc(count);
          this.options.logger.warn(
            { group: this.options.spec.groupId, partition: batch.partition, count, err: error },
            'offset commit refused; messages left to the partition owner, not invoked',
          );
        },
      },
    );
  }

  #track(delivery: Promise<void>): Promise<void> {
    this.#inFlight.add(delivery);
    return delivery.finally(() => this.#inFlight.delete(delivery));
  }

  async #deliver(topic: string, partition: number, message: PumpedMessage): Promise<void> {
    const { metrics, settings, spec } = this.options;
    const headers = eventHeaders(
      {
        namespace: spec.namespace,
        trigger: spec.trigger,
        topic,
        partition,
        offset: message.offset,
        topicId: this.#topicId,
        timestamp: message.timestamp,
        key: message.key,
        value: message.value,
      },
      settings.userAgent,
    );
    this.#m.inFlight.inc();
    const stopTimer = this.#m.invokeSeconds.startTimer();
    const outcome = await this.options.invoker.invoke({
      url: this.#url,
      headers,
      body: message.value ?? Buffer.alloc(0),
      timeoutMs: settings.invokeTimeoutMs,
      signal: this.#cutOff.signal,
    });
    stopTimer();
    this.#m.inFlight.dec();
    if (outcome.ok) {
      this.#m.invoked.inc();
    } else {
      metrics.failed.inc({ ...this.#labels, reason: outcome.reason });
      this.options.onFailure(outcome.reason, outcome.detail);
    }
  }
}
