/**
 * An in-memory ClusterPort for unit tests: objects per kind with
 * resourceVersions and generations, the k8s lib's error codes, dry runs that
 * store nothing, watches fed by later writes, and recorded proxy/log calls.
 */
import { Readable } from 'node:stream';
import type { CronJobTrigger, HTTPTrigger, KafkaTrigger, KubelessFunction } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type {
  ConfigMap,
  CustomResourceDefinition,
  ListOptions,
  Pod,
  PodLogOptions,
  ProxyRequest,
  ProxyResponse,
  Service,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from '@kubeless-ts/k8s';
import type { ClusterPort, ResourcePort } from '../ports/cluster-port.js';

interface Meta {
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
  };
  spec?: unknown;
}

let versions = 0;

export class FakeResource<T extends Meta> implements ResourcePort<T> {
  readonly objects = new Map<string, T>();
  readonly writes: { verb: string; object?: T; name?: string; dryRun: boolean }[] = [];
  private readonly watchers = new Set<(event: WatchEvent<T>) => void>();

  constructor(readonly kind: string) {}

  private key(namespace: string | undefined, name: string | undefined): string {
    return `${namespace ?? ''}/${name ?? ''}`;
  }

  private notFound(name: string): KubelessError {
    return new KubelessError({
      code: ErrorCodes.NOT_FOUND.code,
      message: `${this.kind} "${name}" not found`,
      details: {},
    });
  }

  /** Stores as the API server would after a write, and tells watchers. */
  put(object: T): T {
    const key = this.key(object.metadata?.namespace, object.metadata?.name);
    const previous = this.objects.get(key);
    versions += 1;
    const specChanged = previous === undefined || JSON.stringify(previous.spec) !== JSON.stringify(object.spec);
    const generation = (previous?.metadata?.generation ?? 0) + (specChanged ? 1 : 0);
    const stored = structuredClone({
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(versions), generation },
    });
    this.objects.set(key, stored);
    for (const watcher of this.watchers)
      watcher({ type: previous === undefined ? 'ADDED' : 'MODIFIED', object: structuredClone(stored) });
    return structuredClone(stored);
  }

  async get(name: string, options: { namespace?: string } = {}): Promise<T> {
    const found = this.objects.get(this.key(options.namespace, name));
    if (found === undefined) throw this.notFound(name);
    return structuredClone(found);
  }

  async find(name: string, options: { namespace?: string } = {}): Promise<T | undefined> {
    const found = this.objects.get(this.key(options.namespace, name));
    return found === undefined ? undefined : structuredClone(found);
  }

  async listAll(options: Omit<ListOptions, 'continueToken'> = {}): Promise<{ items: T[]; resourceVersion: string }> {
    const [labelKey, labelValue] = (options.labelSelector ?? '').split('=');
    const items = [...this.objects.values()].filter(
      (object) =>
        (options.namespace === undefined || object.metadata?.namespace === options.namespace) &&
        (labelKey === undefined || labelKey === '' || object.metadata?.labels?.[labelKey] === labelValue),
    );
    return { items: structuredClone(items), resourceVersion: String(versions) };
  }

  async create(object: T, options: WriteOptions = {}): Promise<T> {
    const dryRun = options.dryRun === true;
    this.writes.push({ verb: 'create', object: structuredClone(object), dryRun });
    if (this.objects.has(this.key(options.namespace ?? object.metadata?.namespace, object.metadata?.name))) {
      throw new KubelessError({
        code: ErrorCodes.ALREADY_EXISTS.code,
        message: `${this.kind} "${object.metadata?.name ?? ''}" already exists`,
      });
    }
    return dryRun ? structuredClone(object) : this.put(object);
  }

  async replace(object: T, options: WriteOptions = {}): Promise<T> {
    const dryRun = options.dryRun === true;
    this.writes.push({ verb: 'replace', object: structuredClone(object), dryRun });
    const current = this.objects.get(this.key(options.namespace ?? object.metadata?.namespace, object.metadata?.name));
    if (current === undefined) throw this.notFound(object.metadata?.name ?? '');
    if (
      object.metadata?.resourceVersion !== undefined &&
      object.metadata.resourceVersion !== current.metadata?.resourceVersion
    ) {
      throw new KubelessError({ code: ErrorCodes.CONFLICT.code, message: 'the object has been modified' });
    }
    return dryRun ? structuredClone(object) : this.put(object);
  }

  async delete(name: string, options: { namespace?: string; dryRun?: boolean } = {}): Promise<boolean> {
    this.writes.push({ verb: 'delete', name, dryRun: options.dryRun === true });
    const key = this.key(options.namespace, name);
    if (!this.objects.has(key)) throw this.notFound(name);
    if (options.dryRun !== true) this.objects.delete(key);
    return true;
  }

  async watch(options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Promise<void> {
    const signal = options.signal;
    if (signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const watcher = (event: WatchEvent<T>) => onEvent(event);
      this.watchers.add(watcher);
      signal?.addEventListener('abort', () => {
        this.watchers.delete(watcher);
        resolve();
      });
    });
  }
}

export class FakeCluster implements ClusterPort {
  readonly info = { server: 'https://10.0.0.1:6443' };
  readonly functions = new FakeResource<KubelessFunction>('Function');
  readonly httpTriggers = new FakeResource<HTTPTrigger>('HTTPTrigger');
  readonly cronJobTriggers = new FakeResource<CronJobTrigger>('CronJobTrigger');
  readonly kafkaTriggers = new FakeResource<KafkaTrigger>('KafkaTrigger');
  readonly configMaps = new FakeResource<ConfigMap>('ConfigMap');
  readonly services = new FakeResource<Service>('Service');
  readonly pods = new FakeResource<Pod>('Pod');
  readonly customResourceDefinitions = new FakeResource<CustomResourceDefinition>('CustomResourceDefinition');
  readonly proxied: ProxyRequest[] = [];
  proxyAnswer: (request: ProxyRequest) => ProxyResponse = () => ({ status: 200, headers: {}, body: Buffer.from('ok') });
  logs = 'a log line\n';
  readonly logRequests: PodLogOptions[] = [];

  constructor(readonly namespace = 'default') {}

  async proxy(request: ProxyRequest): Promise<ProxyResponse> {
    this.proxied.push(request);
    return this.proxyAnswer(request);
  }

  async podLogs(options: PodLogOptions): Promise<string> {
    this.logRequests.push(options);
    return this.logs;
  }

  async followPodLogs(options: PodLogOptions): Promise<Readable> {
    this.logRequests.push(options);
    return Readable.from([Buffer.from(this.logs)]);
  }
}
