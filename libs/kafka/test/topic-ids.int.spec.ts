import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { createKafkaClient, fetchTopicIds, loadKafkaSettings, TopicAdmin } from '../src/index.js';
import { eventually, required } from '@kubeless-ts/test-support';

describe('fetchTopicIds against a real broker', () => {
  const settings = loadKafkaSettings({ env: {}, overrides: { brokers: sharedEnvironment().brokers } });
  const kafka = createKafkaClient(settings);
  const admin = new TopicAdmin(kafka, { brokers: settings.brokers });
  afterAll(() => admin.close());

  it("reads the broker's topic id, a new one after the topic is re-created, none for an unknown topic", async () => {
    const topic = `ids-${randomUUID().slice(0, 8)}`;
    await admin.create({ topic });
    const first = (await fetchTopicIds(kafka, [topic, `${topic}-missing`])).get(topic);
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await fetchTopicIds(kafka, [topic])).get(topic)).toBe(first);
    expect((await fetchTopicIds(kafka, [`${topic}-missing`])).size).toBe(0);
    // The same rendering the broker logs (and kafka-topics.sh prints).
    const log = process.env['KUBELESS_TS_KAFKA_LOG'];
    if (log) expect(readFileSync(log, 'utf8')).toContain(`Creating new partition ${topic}-0 with topic id ${first}`);

    await admin.delete(topic);
    await eventually(async () => expect(await admin.exists(topic)).toBe(false));
    await admin.create({ topic });
    const second = await eventually(async () =>
      required((await fetchTopicIds(kafka, [topic])).get(topic), 'id of the re-created topic'),
    );
    expect(second).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second).not.toBe(first);
  });
});
