import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { KafkaSettings } from './kafka-settings.js';

export const KafkaLogLevels = { error: 'error', warn: 'warn', info: 'info', debug: 'debug' } as const;
export type KafkaLogLevel = (typeof KafkaLogLevels)[keyof typeof KafkaLogLevels];

/** Where kafkajs log lines go (a pino logger's methods fit). */
export type KafkaLogSink = (level: KafkaLogLevel, message: string, fields: Readonly<Record<string, unknown>>) => void;

export interface CreateKafkaClientOptions {
  readonly log?: KafkaLogSink;
  /** Lowest level passed to the sink; kafkajs is chatty at info. Default warn. */
  readonly minLevel?: KafkaLogLevel;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Retries of one request; kept small so the CLI fails in seconds, not minutes. */
  readonly retries?: number;
}

const levelMap = { error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG } as const;

function levelName(level: logLevel): KafkaLogLevel {
  if (level <= logLevel.ERROR) return 'error';
  if (level === logLevel.WARN) return 'warn';
  if (level === logLevel.INFO) return 'info';
  return 'debug';
}

/** A kafkajs client for validated settings. Creates no connection until used. */
export function createKafkaClient(settings: KafkaSettings, options: CreateKafkaClientOptions = {}): Kafka {
  const sink = options.log;
  const tls = settings.tls;
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    ssl:
      tls === undefined
        ? undefined
        : {
            rejectUnauthorized: tls.rejectUnauthorized,
            ca: tls.ca === undefined ? undefined : [tls.ca],
            cert: tls.cert,
            key: tls.key,
          },
    sasl: saslOptions(settings),
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { retries: options.retries ?? 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    logLevel: sink === undefined ? logLevel.NOTHING : levelMap[options.minLevel ?? 'warn'],
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...fields } = log;
        sink?.(levelName(level), String(message), { namespace, ...fields });
      },
  });
}

function saslOptions(settings: KafkaSettings): SASLOptions | undefined {
  const sasl = settings.sasl;
  if (sasl === undefined) return undefined;
  const credentials = { username: sasl.username, password: sasl.password };
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', ...credentials };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', ...credentials };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', ...credentials };
  }
}
