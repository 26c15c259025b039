import { randomUUID } from 'node:crypto';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { KubelessError } from '@kubeless-ts/errors';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '../src/index.js';

describe('TopicAdmin and Publisher against a real broker', () => {
  const settings = loadKafkaSettings({ env: {}, overrides: { brokers: sharedEnvironment().brokers } });
  const kafka = createKafkaClient(settings);
  const admin = new TopicAdmin(kafka, { brokers: settings.brokers });
  const publisher = new Publisher(kafka);
  afterAll(async () => {
    await publisher.close();
    await admin.close();
  });

  it('creates, describes, lists, publishes to and deletes a topic', async () => {
    const topic = `t-${randomUUID().slice(0, 8)}`;
    expect(await admin.create({ topic, partitions: 3 })).toBe(true);
    expect(await admin.create({ topic, ifNotExists: true })).toBe(false);
    await expect(admin.create({ topic })).rejects.toMatchObject({
      code: 'KBL_ERR_KAFKA',
      details: { reason: 'topic-exists' },
    });
    expect((await admin.describe(topic)).partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(await admin.list()).toContain(topic);
    const results = await publisher.publish(topic, [
      { value: 'a', partition: 1 },
      { value: 'b', partition: 1 },
    ]);
    expect(results).toEqual([{ partition: 1, baseOffset: '0' }]);
    expect((await admin.highWatermarks(topic)).get(1)).toBe(2n);
    await admin.delete(topic);
    expect(await admin.exists(topic)).toBe(false);
  });

  it('reports unknown topics and unreachable brokers as KBL_ERR_KAFKA', async () => {
    await expect(admin.delete('no-such-topic-x')).rejects.toMatchObject({
      code: 'KBL_ERR_KAFKA',
      details: { reason: 'unknown-topic' },
    });
    await expect(publisher.publish('no-such-topic-y', [{ value: 'x' }])).rejects.toMatchObject({
      details: { reason: 'unknown-topic' },
    });
    const dead = new TopicAdmin(
      createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: '127.0.0.1:1' } }), {
        retries: 0,
        connectionTimeoutMs: 500,
      }),
      { brokers: ['127.0.0.1:1'] },
    );
    const error = await dead.list().catch((e: unknown) => e);
    await dead.close();
    expect(error).toBeInstanceOf(KubelessError);
    expect(error).toMatchObject({ code: 'KBL_ERR_KAFKA', details: { reason: 'unreachable' } });
    expect((error as KubelessError).message).toContain('127.0.0.1:1');
  });
});
