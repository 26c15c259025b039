import { reconcileContext } from '@kubeless-ts/controller-kit/testing';
import { Registry } from 'prom-client';
import type { KafkaTrigger } from '@kubeless-ts/api';
import { aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import type { Kafka } from '@kubeless-ts/kafka';
import { ConsumerMetrics } from './consumer-metrics.js';
import { FailureLedger } from './failure-ledger.js';
import { FailureLog } from './failure-log.js';
import type { FunctionInvoker } from './function-invoker.js';
import type { GroupRunnerOptions, GroupSnapshot, ManagedRunner } from './group-runner.js';
import { GroupSupervisor } from './group-supervisor.js';

const logger = createLogger({ name: 'group-supervisor-spec', level: 'silent' });
const context = reconcileContext('ns', 'tr', 'r', logger);

class FakeRunner implements ManagedRunner {
  dead = false;
  stopped: number | undefined;
  /** Resolves stop(); until then the runner is "finishing its in-flight invocations". */
  finishStop: () => void = () => undefined;
  readonly abortAt: number[] = [];
  constructor(readonly options: GroupRunnerOptions) {}
  url = '';
  snapshot(): GroupSnapshot {
    return { groupId: this.options.spec.groupId, joined: true, assigned: [0], inFlight: 0 };
  }
  async start(): Promise<void> {}
  stop(cutOffAt?: number): Promise<void> {
    this.stopped = cutOffAt ?? Number.POSITIVE_INFINITY;
    return new Promise((resolve) => (this.finishStop = resolve));
  }
  abortInFlightAt(at: number): void {
    this.abortAt.push(at);
  }
}

function trigger(options: { generation?: number; functions?: string[] } = {}): KafkaTrigger {
  const t = aKafkaTrigger()
    .named('tr')
    .inNamespace('ns')
    .withTopic('orders')
    .withStatus({
      observedGeneration: 1,
      bindings: (options.functions ?? ['a']).map((f) => ({ function: f, endpoint: `http://${f}.ns:8080` })),
      conditions: [{ type: 'TopicReady', status: 'True', reason: 'X' }],
    })
    .build();
  t.metadata.generation = options.generation ?? 1;
  return t;
}

function setUp(maxBindings = 100) {
  let current: KafkaTrigger | undefined = trigger();
  const runners: FakeRunner[] = [];
  const deleted: string[] = [];
  const refused = new Map<string, readonly string[]>();
  const supervisor = new GroupSupervisor({
    triggers: { get: () => current },
    kafka: {} as Kafka,
    invoker: {} as FunctionInvoker,
    metrics: new ConsumerMetrics(new Registry()),
    ledger: new FailureLedger(),
    failureLog: new FailureLog(logger, 1000),
    settings: {
      partitionWindow: 4,
      invokeTimeoutMs: 180_000,
      sessionTimeoutMs: 10_000,
      partitionsConcurrently: 1,
      userAgent: 'test',
    },
    triggerWindow: 8,
    maxBindings,
    urlTemplate: undefined,
    allowedTopics: ['*'],
    logger,
    requeue: () => undefined,
    createRunner: (options) => {
      const runner = new FakeRunner(options);
      runners.push(runner);
      return runner;
    },
    deleteGroup: async (groupId) => void deleted.push(groupId),
    onBindingsRefused: (key, functions) => refused.set(key, functions),
  });
  return { supervisor, runners, deleted, refused, setTrigger: (t: KafkaTrigger | undefined) => (current = t) };
}

describe('GroupSupervisor', () => {
  it('replaces a crashed group even while the trigger status is stale', async () => {
    const { supervisor, runners, setTrigger } = setUp();
    await supervisor.reconcile('ns/tr', context);
    expect(runners).toHaveLength(1);
    runners[0]!.dead = true;
    // The spec changed and the controller has not caught up: the groups stay, but a dead one is not left dead.
    setTrigger(trigger({ generation: 2 }));
    await supervisor.reconcile('ns/tr', context);
    expect(runners).toHaveLength(2);
    expect(runners[0]!.stopped).toBeDefined();
    expect(runners[1]!.options.spec.groupId).toBe('ns_tr_a_orders');
    expect(
      supervisor
        .snapshot()
        .filter((g) => !g.stopping)
        .map((g) => g.groupId),
    ).toEqual(['ns_tr_a_orders']);
  });

  it('does not wait on a reconcile worker for a group to stop, and deletes the group once its binding ended', async () => {
    const { supervisor, runners, deleted, setTrigger } = setUp();
    await supervisor.reconcile('ns/tr', context);
    setTrigger(undefined);
    // The runner's stop never finishes here (a slow function's invocation): reconcile still returns.
    await supervisor.reconcile('ns/tr', context);
    expect(runners[0]!.stopped).toBeDefined();
    expect(supervisor.snapshot()).toEqual([
      expect.objectContaining({ groupId: 'ns_tr_a_orders', stopping: true, joined: false }),
    ]);
    expect(deleted).toEqual([]);
    runners[0]!.finishStop();
    await new Promise((r) => setImmediate(r));
    expect(deleted).toEqual(['ns_tr_a_orders']);
    expect(supervisor.snapshot()).toEqual([]);
  });

  it('starts a binding again only after its ended group was deleted', async () => {
    const { supervisor, runners, setTrigger } = setUp();
    await supervisor.reconcile('ns/tr', context);
    setTrigger(trigger({ functions: [] }));
    await supervisor.reconcile('ns/tr', context);
    setTrigger(trigger());
    expect(await supervisor.reconcile('ns/tr', context)).toEqual({ requeueAfterMs: 1_000 });
    expect(runners).toHaveLength(1);
    runners[0]!.finishStop();
    await new Promise((r) => setImmediate(r));
    await supervisor.reconcile('ns/tr', context);
    expect(runners).toHaveLength(2);
  });

  it('on stopAll cuts off in-flight invocations of every group, including ones already stopping', async () => {
    const { supervisor, runners, setTrigger } = setUp();
    await supervisor.reconcile('ns/tr', context);
    setTrigger(trigger({ functions: ['b'] }));
    await supervisor.reconcile('ns/tr', context);
    const stopped = supervisor.stopAll(12_345);
    expect(runners[0]!.abortAt).toEqual([12_345]);
    expect(runners[1]!.stopped).toBe(12_345);
    for (const runner of runners) runner.finishStop();
    await stopped;
    await supervisor.reconcile('ns/tr', context);
    expect(runners).toHaveLength(2);
  });

  it('refuses bindings beyond maxBindings, reports them and re-checks, and takes them once there is room', async () => {
    const { supervisor, runners, refused, setTrigger } = setUp(1);
    setTrigger(trigger({ functions: ['a', 'b'] }));
    expect(await supervisor.reconcile('ns/tr', context)).toEqual({ requeueAfterMs: 30_000 });
    expect(runners.map((r) => r.options.spec.function)).toEqual(['a']);
    expect(refused.get('ns/tr')).toEqual(['b']);
    setTrigger(trigger({ functions: ['b'] }));
    expect(await supervisor.reconcile('ns/tr', context)).toBeUndefined();
    expect(runners.map((r) => r.options.spec.function)).toEqual(['a', 'b']);
    expect(refused.get('ns/tr')).toEqual([]);
  });
});
