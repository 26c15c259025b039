import type { JsonSchema } from './json-schema.js';

/** `global:` as every chart declares it, so a subchart installed alone has the same knobs. */
export function globalValuesYaml(indent: string): string {
  const lines = [
    'global:',
    '  image:',
    '    # Prefix of every kubeless-ts image, controllers and runtimes alike, e.g. "registry.example.com/team".',
    '    registry: ""',
    "    # Tag of the controller images; empty means the chart's appVersion.",
    '    tag: ""',
    '    pullPolicy: IfNotPresent',
    '  # Names of docker-registry Secrets in the release namespace, added to every controller pod.',
    '  imagePullSecrets: []',
    '  # Broker settings for kafka-trigger-controller and kafka-consumer (libs/kafka reads them as KAFKA_* env).',
    '  kafka:',
    '    brokers: kafka.kubeless:9092',
    '    tls:',
    '      enabled: false',
    '      # Secret mounted at /var/run/secrets/kubeless.io/kafka-tls; the *File values name its keys.',
    '      secretName: ""',
    '      caFile: ""',
    '      certFile: ""',
    '      keyFile: ""',
    '      # Skip verifying the broker certificate (testing only).',
    '      insecure: false',
    '    sasl:',
    '      enabled: false',
    '      mechanism: plain',
    '      # Secret holding the SASL user name and password.',
    '      secretName: ""',
    '      usernameKey: username',
    '      passwordKey: password',
  ];
  return lines.map((line) => `${indent}${line}`).join('\n');
}

const str: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: 'boolean' };

export const globalSchema: JsonSchema = {
  type: 'object',
  description: 'Values shared by the umbrella chart and every subchart.',
  properties: {
    image: {
      type: 'object',
      additionalProperties: false,
      properties: {
        registry: { type: 'string', pattern: '^([a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._/-]+)?)?$' },
        tag: str,
        pullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
      },
    },
    imagePullSecrets: { type: 'array', items: { type: 'string', minLength: 1 } },
    kafka: {
      type: 'object',
      additionalProperties: false,
      properties: {
        brokers: { type: 'string', minLength: 1, description: 'Comma-separated host:port list (KAFKA_BROKERS).' },
        tls: {
          type: 'object',
          additionalProperties: false,
          properties: { enabled: bool, secretName: str, caFile: str, certFile: str, keyFile: str, insecure: bool },
        },
        sasl: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: bool,
            mechanism: { type: 'string', enum: ['plain', 'scram-sha-256', 'scram-sha-512'] },
            secretName: str,
            usernameKey: str,
            passwordKey: str,
          },
        },
      },
    },
  },
  // The umbrella may pass globals a subchart does not use.
  additionalProperties: true,
};
