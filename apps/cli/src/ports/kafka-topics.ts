/** Placeholder until @kubeless-ts/kafka lands; replaced by its admin and producer helpers. */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { KafkaConnectOptions } from './cli-ports.js';
import type { KafkaPort } from './kafka-port.js';

export async function kafkaTopics(_options: KafkaConnectOptions, _env: NodeJS.ProcessEnv): Promise<KafkaPort> {
  throw new KubelessError({ code: ErrorCodes.KAFKA_CONFIG.code, message: 'Kafka support is not built in yet', terminal: true });
}
