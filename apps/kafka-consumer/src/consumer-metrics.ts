import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const FailureReasons = {
  non2xx: 'non-2xx',
  timeout: 'timeout',
  connectionRefused: 'connection-refused',
  functionMissing: 'function-missing',
  network: 'network-error',
  /** Still running when the shutdown grace ran out; aborted, never re-delivered. */
  shutdown: 'shutdown',
} as const;
export type FailureReason = (typeof FailureReasons)[keyof typeof FailureReasons];

export interface GroupLabels {
  readonly namespace: string;
  readonly trigger: string;
  readonly function: string;
}

/** Every consumer metric, created once at start and registered in the app's registry. */
export class ConsumerMetrics {
  readonly consumed: Counter<'namespace' | 'trigger' | 'function'>;
  readonly invoked: Counter<'namespace' | 'trigger' | 'function'>;
  readonly failed: Counter<'namespace' | 'trigger' | 'function' | 'reason'>;
  readonly notInvoked: Counter<'namespace' | 'trigger' | 'function'>;
  readonly inFlight: Gauge<'namespace' | 'trigger' | 'function'>;
  readonly lag: Gauge<'namespace' | 'trigger' | 'function' | 'partition'>;
  readonly commitSeconds: Histogram<'namespace' | 'trigger' | 'function'>;
  readonly invokeSeconds: Histogram<'namespace' | 'trigger' | 'function'>;
  readonly refusedBindings: Gauge<'namespace' | 'trigger'>;

  constructor(registry: Registry) {
    const labelNames = ['namespace', 'trigger', 'function'] as const;
    const registers = [registry];
    this.consumed = new Counter({
      name: 'kubeless_kafka_messages_consumed_total',
      help: 'Messages whose offset was committed (each is then invoked exactly once or lost in a crash).',
      labelNames,
      registers,
    });
    this.invoked = new Counter({
      name: 'kubeless_kafka_invocations_total',
      help: 'Invocations that returned 2xx.',
      labelNames,
      registers,
    });
    this.failed = new Counter({
      name: 'kubeless_kafka_invocation_failures_total',
      help: 'Invocations that failed, by reason; never retried.',
      labelNames: [...labelNames, 'reason'],
      registers,
    });
    this.notInvoked = new Counter({
      name: 'kubeless_kafka_messages_not_invoked_total',
      help: 'Fetched messages skipped because committing their offset failed (rebalance, broker error); another member delivers them.',
      labelNames,
      registers,
    });
    this.inFlight = new Gauge({
      name: 'kubeless_kafka_invocations_in_flight',
      help: 'Invocations started and not finished.',
      labelNames,
      registers,
    });
    this.lag = new Gauge({
      name: 'kubeless_kafka_consumer_lag',
      help: 'High watermark minus the next offset to deliver, per partition this replica owns.',
      labelNames: [...labelNames, 'partition'],
      registers,
    });
    this.commitSeconds = new Histogram({
      name: 'kubeless_kafka_commit_duration_seconds',
      help: 'Synchronous offset commit latency before invoking.',
      labelNames,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.refusedBindings = new Gauge({
      name: 'kubeless_kafka_bindings_refused',
      help: 'Bindings of a trigger this replica does not consume because it runs KAFKA_CONSUMER_MAX_BINDINGS groups already.',
      labelNames: ['namespace', 'trigger'],
      registers,
    });
    this.invokeSeconds = new Histogram({
      name: 'kubeless_kafka_invocation_duration_seconds',
      help: 'Function invocation latency.',
      labelNames,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    });
  }
}
