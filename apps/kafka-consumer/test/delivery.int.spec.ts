import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KafkaTrigger } from '@kubeless-ts/api';
import { aKafkaTrigger } from '@kubeless-ts/api/testing';
import { fetchTopicIds } from '@kubeless-ts/kafka';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { freeTcpPort, spawnChild, waitHealthy } from './child-processes.js';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';

describe('kafka-consumer delivering to real endpoints', () => {
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'kc' });
    consumer = startInProcessConsumer(scene);
  });
  afterAll(() => scene?.stop());

  const publish = (topic: string, values: string[]) =>
    scene.kafka.publisher.publish(
      topic,
      values.map((value) => ({ value })),
    );
  const ids = (name: string) => scene.recorder.of(name).map((d) => String(d.headers['event-id']));

  it('delivers 1:1 with the event and CloudEvents headers, once each', async () => {
    const { ns, recorder } = scene;
    const { kafka } = scene.kafka;
    const topic = `one-${ns}`;
    await scene.bind({ trigger: 't1', fn: 'f1', topic, partitions: 3 });
    await consumer.joined(`${ns}_t1_f1_${topic}`);
    await publish(
      topic,
      Array.from({ length: 30 }, (_, i) => JSON.stringify({ n: i })),
    );
    await eventually('30 deliveries', async () => (recorder.of('f1').length >= 30 ? true : undefined));
    expect(new Set(ids('f1')).size).toBe(30);
    const first = recorder.of('f1')[0]!;
    expect(first.headers).toMatchObject({
      'event-namespace': 'kafkatriggers.kubeless.io',
      'event-topic': topic,
      'event-type': 'application/json',
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-type': 'io.kubeless.kafka.message',
      'ce-source': `/apis/kubeless.io/v1beta1/namespaces/${ns}/kafkatriggers/t1`,
    });
    const topicId = (await fetchTopicIds(kafka, [topic])).get(topic);
    expect(String(first.headers['event-id'])).toMatch(new RegExp(`^${topic}/[0-2]/\\d+/${topicId}$`));
    expect(first.headers['ce-id']).toBe(first.headers['event-id']);
    expect(JSON.parse(first.body)).toHaveProperty('n');
  });

  it('fans out 1:N, then stops a relabelled and a deleted function', async () => {
    const { admin, ns, recorder } = scene;
    const { topics } = scene.kafka;
    const topic = `fan-${ns}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(scene.fn('f2', { fan: 'x' }));
    await admin.functions.create(scene.fn('f3', { fan: 'x' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t2').inNamespace(ns).withTopic(topic).matchingLabels({ fan: 'x' }).build(),
    );
    await consumer.joined(`${ns}_t2_f2_${topic}`);
    await consumer.joined(`${ns}_t2_f3_${topic}`);
    await publish(topic, ['a', 'b', 'c']);
    await eventually('both receive all three', async () =>
      recorder.of('f2').length === 3 && recorder.of('f3').length === 3 ? true : undefined,
    );
    expect(recorder.of('f2')[0]?.headers['event-type']).toBe('application/x-www-form-urlencoded');

    const f2 = await admin.functions.get('f2', { namespace: ns });
    await admin.functions.replace({ ...f2, metadata: { ...f2.metadata, labels: { fan: 'no' } } });
    await consumer.gone(`${ns}_t2_f2_${topic}`);
    await admin.functions.delete('f3', { namespace: ns });
    await consumer.gone(`${ns}_t2_f3_${topic}`);
    await publish(topic, ['after']);
    // A live trigger on the same broker proves the message would have been delivered by now.
    await publish(`one-${ns}`, ['marker']);
    await eventually('marker delivered', async () =>
      recorder.of('f1').some((d) => d.body === 'marker') ? true : undefined,
    );
    expect(recorder.of('f2')).toHaveLength(3);
    expect(recorder.of('f3')).toHaveLength(3);
  });

  it('follows a topic change: the old group stops, the new topic is delivered', async () => {
    const { admin, ns, recorder } = scene;
    const { topics } = scene.kafka;
    const next = `one-b-${ns}`;
    await topics.create({ topic: next });
    const t1 = await admin.kafkaTriggers.get('t1', { namespace: ns });
    await admin.kafkaTriggers.replace({ ...t1, spec: { ...t1.spec, topic: next } } as KafkaTrigger);
    await consumer.joined(`${ns}_t1_f1_${next}`);
    await consumer.gone(`${ns}_t1_f1_one-${ns}`);
    const before = recorder.of('f1').length;
    await publish(`one-${ns}`, ['old-topic']);
    await publish(next, ['new-topic']);
    await eventually('new topic delivered', async () =>
      recorder.of('f1').some((d) => d.body === 'new-topic') ? true : undefined,
    );
    expect(
      recorder
        .of('f1')
        .slice(before)
        .map((d) => d.body),
    ).toEqual(['new-topic']);
  });

  it('counts failures by reason in metrics and trigger status, without retrying', async () => {
    const { admin, ns, recorder } = scene;
    const { topics } = scene.kafka;
    const topic = `fail-${ns}`;
    await topics.create({ topic });
    recorder.statusFor.set('broken', 500);
    await admin.functions.create(scene.fn('broken', { fail: 'y' }));
    await admin.functions.create(scene.fn('refused', { fail: 'y' }, await freeTcpPort()));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t3').inNamespace(ns).withTopic(topic).matchingLabels({ fail: 'y' }).build(),
    );
    await consumer.joined(`${ns}_t3_broken_${topic}`);
    await consumer.joined(`${ns}_t3_refused_${topic}`);
    await publish(topic, ['1', '2', '3']);
    const status = await eventually('failures in status', async () => {
      const t = await admin.kafkaTriggers.get('t3', { namespace: ns });
      const f = t.status?.failures ?? {};
      return f['broken/non-2xx'] === 3 && f['refused/connection-refused'] === 3 ? f : undefined;
    });
    expect(status).toEqual({ 'broken/non-2xx': 3, 'refused/connection-refused': 3 });
    expect(recorder.of('broken')).toHaveLength(3);
    const metrics = await consumer.current.registry.metrics();
    expect(metrics).toMatch(
      new RegExp(
        `kubeless_kafka_invocation_failures_total\\{namespace="${ns}",trigger="t3",function="refused",reason="connection-refused"\\} 3`,
      ),
    );
    expect(metrics).toContain('kubeless_kafka_commit_duration_seconds_bucket');
    // The controller's conditions survive the consumer's status writes.
    expect(
      (await admin.kafkaTriggers.get('t3', { namespace: ns })).status?.conditions?.find((c) => c.type === 'Ready')
        ?.status,
    ).toBe('True');
  });

  it('keeps delivering to a fast trigger while a slow one has its windows full', async () => {
    const { admin, ns, recorder } = scene;
    const slowTopic = `slow-${ns}`;
    const fastTopic = `fast-${ns}`;
    recorder.delayFor.set('slow', 3_000);
    await scene.bind({ trigger: 't-slow', fn: 'slow', topic: slowTopic, partitions: 2 });
    await scene.bind({ trigger: 't-fast', fn: 'fast', topic: fastTopic, partitions: 2 });
    await consumer.joined(`${ns}_t-slow_slow_${slowTopic}`);
    await consumer.joined(`${ns}_t-fast_fast_${fastTopic}`);
    // 200 messages at 3 s each with a window of 4 per partition: the slow trigger is saturated for minutes.
    await publish(
      slowTopic,
      Array.from({ length: 200 }, (_, i) => `s${i}`),
    );
    await eventually('slow windows full', async () => (recorder.of('slow').length >= 8 ? true : undefined));
    await publish(
      fastTopic,
      Array.from({ length: 50 }, (_, i) => `f${i}`),
    );
    await eventually(
      'fast trigger delivered',
      async () => (recorder.of('fast').length === 50 ? true : undefined),
      10_000,
    );
    // No head-of-line blocking: the fast trigger got all 50 while the slow one still had every window
    // busy (2 partitions × 4 in flight, with 200 waiting), so nothing of the slow trigger was in its way.
    const inFlight =
      consumer.current.groups().find((g) => g.groupId === `${ns}_t-slow_slow_${slowTopic}`)?.inFlight ?? 0;
    expect(inFlight).toBe(8);
    // Back-pressure: the slow trigger never has more than its windows in flight.
    expect(recorder.of('slow').length).toBeLessThanOrEqual(8 + 8);
    // Stop the slow trigger so the suite does not wait for its backlog.
    await admin.kafkaTriggers.delete('t-slow', { namespace: ns });
  });

  it('delivers to the real Node.js runtime process', async () => {
    const { admin, ns } = scene;
    const { topics, kafka } = scene.kafka;
    const dir = mkdtempSync(join(tmpdir(), 'kc-runtime-'));
    const log = join(dir, 'events.log');
    writeFileSync(
      join(dir, 'handler.js'),
      `const fs = require('fs');\nmodule.exports = { handle: (event) => { fs.appendFileSync(${JSON.stringify(log)}, event['event-id'] + ' ' + JSON.stringify(event.data) + '\\n'); return 'ok'; } };\n`,
    );
    appendFileSync(log, '');
    const port = await freeTcpPort();
    // The runtime ships as its esbuild bundle (see apps/runtime-nodejs); build it the way its build target does.
    const bundleDir = mkdtempSync(join(tmpdir(), 'kc-runtime-bundle-'));
    execFileSync(process.execPath, ['apps/runtime-nodejs/tools/bundle.mjs', bundleDir], {
      cwd: workspaceRoot,
      stdio: 'ignore',
    });
    const runtime = await spawnChild(
      'runtime-nodejs',
      process.execPath,
      [join(bundleDir, 'server.mjs')],
      {
        KUBELESS_INSTALL_VOLUME: dir,
        MOD_NAME: 'handler',
        FUNC_HANDLER: 'handle',
        FUNC_PORT: String(port),
        FUNC_HOST: '127.0.0.1',
      },
      port,
    );
    try {
      await waitHealthy(runtime);
      const topic = `rt-${ns}`;
      await topics.create({ topic });
      await admin.functions.create(scene.fn('rt', { app: 'rt' }, port));
      await admin.kafkaTriggers.create(
        aKafkaTrigger().named('t4').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'rt' }).build(),
      );
      // The URL template routes /rt to the runtime's port; the runtime ignores the path.
      await consumer.joined(`${ns}_t4_rt_${topic}`);
      await publish(topic, [JSON.stringify({ hello: 1 }), JSON.stringify({ hello: 2 })]);
      const lines = await eventually('runtime handled both', async () => {
        const content = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
        return content.length >= 2 ? content : undefined;
      });
      const topicId = (await fetchTopicIds(kafka, [topic])).get(topic);
      expect(lines).toEqual([`${topic}/0/0/${topicId} {"hello":1}`, `${topic}/0/1/${topicId} {"hello":2}`]);
    } finally {
      await runtime.kill('SIGTERM');
    }
  });
});
