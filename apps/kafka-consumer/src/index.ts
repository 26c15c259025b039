// Public entry point of kafka-consumer: the composition, for tests, the bench and the local stack.
export { startKafkaConsumer, CONSUMER_NAME, FIELD_MANAGER, USER_AGENT } from './kafka-consumer.js';
export type { KafkaConsumerOptions, RunningConsumer, ConsumerSettings } from './kafka-consumer.js';
export { parseConsumerConfig, ConsumerEnv } from './consumer-config.js';
export type { ConsumerConfig } from './consumer-config.js';
export { eventId, eventHeaders, EVENT_NAMESPACE } from './event-envelope.js';
export { groupIdOf } from './desired-groups.js';
export type { GroupSnapshot } from './group-runner.js';
