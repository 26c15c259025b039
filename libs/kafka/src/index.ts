// Public entry point of kafka: the only project that imports kafkajs.
export {
  loadKafkaSettings,
  describeKafkaSettings,
  KafkaEnv,
  SaslMechanisms,
  DEFAULT_KAFKA_BROKERS,
} from './kafka-settings.js';
export type {
  KafkaSettings,
  KafkaSettingsOverrides,
  KafkaTlsSettings,
  KafkaSaslSettings,
  LoadKafkaSettingsOptions,
  SaslMechanism,
} from './kafka-settings.js';
export { createKafkaClient, KafkaLogLevels } from './kafka-client.js';
export type { CreateKafkaClientOptions, KafkaLogLevel, KafkaLogSink } from './kafka-client.js';
export { toKafkaError, kafkaFailureReason, kafkaErrorReason, KafkaFailureReasons } from './kafka-errors.js';
export type { KafkaErrorContext, KafkaFailureReason } from './kafka-errors.js';
export { TopicAdmin } from './topic-admin.js';
export type { CreateTopicOptions, TopicDescription, PartitionDescription } from './topic-admin.js';
export { Publisher, publishMessages } from './publisher.js';
export { fetchTopicIds } from './topic-ids.js';
export type { OutgoingMessage, PublishResult } from './publisher.js';
// Consumer-side types, so apps build consumers without importing kafkajs themselves.
export type {
  Kafka,
  Consumer,
  EachBatchPayload,
  KafkaMessage,
  Batch,
  ConsumerConfig,
  TopicPartitionOffsetAndMetadata,
} from 'kafkajs';
