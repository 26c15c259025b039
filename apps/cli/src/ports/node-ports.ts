/** The real ports: process streams, the filesystem, fetch, and the k8s/kafka libs loaded on first use. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { fileNotFound } from '../cli-errors.js';
import type { CliPorts, HttpAnswer, HttpRequest } from './cli-ports.js';
import type { ClusterPort } from './cluster-port.js';
import type { KafkaPort } from './kafka-port.js';

export const FIELD_MANAGER = 'kubeless-cli';

async function readLocalFile(path: string, flag: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fileNotFound(path, flag);
    if (code === 'EISDIR')
      throw new KubelessError({
        code: ErrorCodes.USAGE.code,
        message: `${flag}: ${path} is a directory`,
        hint: 'Pass a file; zip or tar a directory first.',
        terminal: true,
      });
    throw error;
  }
}

async function httpRequest(url: string, request: HttpRequest): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

export function nodePorts(signal: AbortSignal): CliPorts {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal,
    async connect(options): Promise<ClusterPort> {
      // The light loader skips client-node (~0.4 s to load) unless the kubeconfig needs an auth plugin.
      const { createLightKubeClients } = await import('@kubeless-ts/k8s');
      return createLightKubeClients({ ...options, fieldManager: FIELD_MANAGER });
    },
    async connectKafka(options): Promise<KafkaPort> {
      const { kafkaTopics } = await import('./kafka-topics.js');
      return kafkaTopics(options, process.env);
    },
    readFile: readLocalFile,
    http: httpRequest,
    now: () => new Date(),
    randomBytes: (size) => randomBytes(size),
  };
}
