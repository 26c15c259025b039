/**
 * Which brokers a `topic` command talks to. Kubeless' `--kafka-namespace` named
 * the namespace of the broker pod it exec'ed into; here it names the namespace
 * of the broker Service `kafka`, so `--kafka-namespace x` means `kafka.x:9092`
 * (the default, `kafka.kubeless:9092`, is the same rule for `kubeless`).
 */
import { usageError } from '../../cli-errors.js';

const KAFKA_SERVICE = 'kafka';
const KAFKA_PORT = 9092;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `--brokers` or `--kafka-namespace`, never both; undefined leaves it to KAFKA_BROKERS and the default. */
export function topicBrokers(flags: {
  readonly brokers?: string;
  readonly kafkaNamespace?: string;
}): readonly string[] | undefined {
  const { brokers, kafkaNamespace } = flags;
  if (brokers !== undefined && kafkaNamespace !== undefined) {
    throw usageError(
      '--brokers and --kafka-namespace both choose the brokers',
      'Pass --brokers host:port, or --kafka-namespace <ns> for kafka.<ns>:9092, not both.',
    );
  }
  if (kafkaNamespace !== undefined) {
    if (kafkaNamespace.length > 63 || !NAMESPACE.test(kafkaNamespace))
      throw usageError(
        `--kafka-namespace ${kafkaNamespace} is not a namespace name`,
        'Use lower-case letters, digits and dashes (RFC 1123 label).',
      );
    return [`${KAFKA_SERVICE}.${kafkaNamespace}:${KAFKA_PORT}`];
  }
  if (brokers === undefined) return undefined;
  return brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
}
