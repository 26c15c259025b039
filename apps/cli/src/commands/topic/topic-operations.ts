/** `kubeless topic ...` through the Kafka admin and producer API (the original exec'ed into a broker pod). */
import { kafkaTopicError } from '@kubeless-ts/api';
import { usageError } from '../../cli-errors.js';
import type { KafkaPort } from '../../ports/kafka-port.js';

function checkTopic(topic: string): void {
  const error = kafkaTopicError(topic);
  if (error !== undefined) throw usageError(`topic ${error}`);
}

export async function withKafka<T>(
  connect: () => Promise<KafkaPort>,
  run: (kafka: KafkaPort) => Promise<T>,
): Promise<T> {
  const kafka = await connect();
  try {
    return await run(kafka);
  } finally {
    await kafka.close();
  }
}

export async function createTopic(
  kafka: KafkaPort,
  input: { readonly topic: string; readonly partitions: number; readonly replicationFactor: number },
): Promise<void> {
  checkTopic(input.topic);
  await kafka.createTopic(input);
}

export async function deleteTopic(kafka: KafkaPort, topic: string): Promise<void> {
  checkTopic(topic);
  await kafka.deleteTopic(topic);
}

export async function listTopics(kafka: KafkaPort): Promise<string[]> {
  return (await kafka.listTopics()).filter((topic) => !topic.startsWith('__')).sort();
}

export async function publish(
  kafka: KafkaPort,
  input: { readonly topic: string; readonly messages: readonly string[] },
): Promise<number> {
  checkTopic(input.topic);
  if (input.messages.length === 0) throw usageError('nothing to publish', 'Pass --data <message> (repeatable).');
  await kafka.publish(input.topic, input.messages);
  return input.messages.length;
}
