/**
 * Everything a command touches outside its own arguments. main.ts wires the
 * real implementations; unit tests pass fakes (no module mocks).
 */
import type { ClusterPort } from './cluster-port.js';
import type { KafkaPort } from './kafka-port.js';

export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
}

export interface ConnectOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: string;
}

export interface KafkaConnectOptions {
  /** `--brokers`; when absent the settings come from KAFKA_BROKERS and the other KAFKA_* variables. */
  readonly brokers?: readonly string[];
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: Buffer;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface CliPorts {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Read when a command runs, never at import time. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Loads the kubeconfig (kubectl rules) lazily; makes no request. */
  connect(options: ConnectOptions): Promise<ClusterPort>;
  connectKafka(options: KafkaConnectOptions): Promise<KafkaPort>;
  /** Throws KBL_ERR_FILE_NOT_FOUND naming `flag` for a missing path. */
  readFile(path: string, flag: string): Promise<Buffer>;
  /** Plain HTTP(S) outside the cluster: source URLs and `--gateway`. */
  http(url: string, request: HttpRequest): Promise<HttpAnswer>;
  now(): Date;
  randomBytes(size: number): Buffer;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}
