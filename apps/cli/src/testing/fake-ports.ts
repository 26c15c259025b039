/** CliPorts for unit tests: captured output, an in-memory cluster, files and URLs from maps. */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { fileNotFound } from '../cli-errors.js';
import type { CliPorts, HttpAnswer, HttpRequest } from '../ports/cli-ports.js';
import type { KafkaPort, TopicSpec } from '../ports/kafka-port.js';
import { FakeCluster } from './fake-cluster.js';

export class FakeKafka implements KafkaPort {
  readonly topics = new Set<string>();
  readonly published: { topic: string; messages: readonly string[] }[] = [];
  closed = 0;

  async createTopic(spec: TopicSpec): Promise<boolean> {
    if (this.topics.has(spec.topic))
      throw new KubelessError({ code: ErrorCodes.KAFKA.code, message: `topic "${spec.topic}" already exists` });
    this.topics.add(spec.topic);
    return true;
  }

  async deleteTopic(topic: string): Promise<void> {
    if (!this.topics.delete(topic))
      throw new KubelessError({ code: ErrorCodes.KAFKA.code, message: `topic "${topic}" does not exist` });
  }

  async listTopics(): Promise<string[]> {
    return [...this.topics, '__consumer_offsets'];
  }

  async publish(topic: string, messages: readonly string[]): Promise<void> {
    this.published.push({ topic, messages });
  }

  async close(): Promise<void> {
    this.closed += 1;
  }
}

export interface FakePorts extends CliPorts {
  readonly cluster: FakeCluster;
  readonly kafka: FakeKafka;
  readonly files: Map<string, Buffer>;
  readonly urls: Map<string, HttpAnswer>;
  readonly requests: { url: string; request: HttpRequest }[];
  readonly connections: unknown[];
  out(): string;
  err(): string;
}

export function fakePorts(options: { namespace?: string; env?: Record<string, string> } = {}): FakePorts {
  const cluster = new FakeCluster(options.namespace ?? 'default');
  const kafka = new FakeKafka();
  const files = new Map<string, Buffer>();
  const urls = new Map<string, HttpAnswer>();
  const requests: { url: string; request: HttpRequest }[] = [];
  const connections: unknown[] = [];
  let out = '';
  let err = '';
  return {
    cluster,
    kafka,
    files,
    urls,
    requests,
    connections,
    stdout: { write: (chunk) => (out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')) },
    stderr: { write: (chunk) => (err += String(chunk)) },
    env: options.env ?? {},
    signal: new AbortController().signal,
    async connect(connectOptions) {
      connections.push(connectOptions);
      return cluster;
    },
    async connectKafka(kafkaOptions) {
      connections.push(kafkaOptions);
      return kafka;
    },
    async readFile(path, flag) {
      const found = files.get(path);
      if (found === undefined) throw fileNotFound(path, flag);
      return found;
    },
    async http(url, request) {
      requests.push({ url, request });
      const found = urls.get(url);
      if (found === undefined) throw new Error(`connect ECONNREFUSED ${url}`);
      return found;
    },
    now: () => new Date('2026-05-03T10:00:00.123Z'),
    randomBytes: (size) => Buffer.alloc(size, 7),
    out: () => out,
    err: () => err,
  };
}
