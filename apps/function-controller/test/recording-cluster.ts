// A fake API server and informer caches for reconciler unit specs: every write is recorded as one line, in order, and nothing does I/O.
import type { KubelessFunction } from '@kubeless-ts/api';
import { keyOf } from '@kubeless-ts/controller-kit';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type {
  ConfigMap,
  Deployment,
  HorizontalPodAutoscaler,
  Job,
  Pod,
  ResourceClient,
  Service,
} from '@kubeless-ts/k8s';
import type { ChildClients } from '../src/execute.js';
import type { BuildClients } from '../src/build-execute.js';
import type { FunctionCaches } from '../src/function-reconciler.js';

type OwnerReference = { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean };
/** The parts of a child the reconciler reads. */
export type Named = {
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
  };
};
type ChildKindName = 'ConfigMap' | 'Service' | 'Deployment' | 'HorizontalPodAutoscaler';

/** How a child is stored, by kind then `namespace/name`. */
type Store = Record<ChildKindName, Map<string, Named>>;

function emptyStore(): Store {
  return { ConfigMap: new Map(), Service: new Map(), Deployment: new Map(), HorizontalPodAutoscaler: new Map() };
}

function keyOfObject(object: Named, namespace?: string): string {
  return keyOf({ namespace: namespace ?? object.metadata?.namespace ?? '', name: object.metadata?.name ?? '' });
}

/**
 * `server` is what the API server holds, `cache` what the informers show
 * (`syncCaches` lets them catch up). `effects` lists every call that writes
 * or reads past the cache, e.g. `create-only Service hello`, `status Ready=False/Deploying`.
 */
export class RecordingCluster {
  fn: KubelessFunction | undefined;
  readonly server: Store = emptyStore();
  readonly cache: Store = emptyStore();
  pods: Pod[] = [];
  effects: string[] = [];
  /** `apply Service` → the error that call throws (after being recorded). */
  readonly failures = new Map<string, Error>();
  private version = 100;

  constructor(fn?: KubelessFunction) {
    this.fn = fn;
  }

  /** The informers caught up with the API server. */
  syncCaches(): void {
    for (const kind of Object.keys(this.server) as ChildKindName[]) {
      this.cache[kind] = new Map(this.server[kind]);
    }
  }

  /** Puts an object on the server only (not labelled for the caches, or not seen yet). */
  onServer(kind: ChildKindName, object: Named): void {
    this.server[kind].set(keyOfObject(object), object);
  }

  /** Puts an object on the server and in the cache. */
  observed(kind: ChildKindName, object: Named): void {
    this.onServer(kind, object);
    this.cache[kind].set(keyOfObject(object), object);
  }

  caches(): FunctionCaches {
    const cacheOf = <T>(kind: ChildKindName) => ({
      get: (key: string) => this.cache[kind].get(key) as Readonly<T> | undefined,
    });
    return {
      functions: { get: (key) => (this.fn !== undefined && keyOfObject(this.fn) === key ? this.fn : undefined) },
      configMaps: cacheOf<ConfigMap>('ConfigMap'),
      services: cacheOf<Service>('Service'),
      deployments: cacheOf<Deployment>('Deployment'),
      horizontalPodAutoscalers: cacheOf<HorizontalPodAutoscaler>('HorizontalPodAutoscaler'),
      pods: { forFunction: () => this.pods },
      jobs: { get: () => undefined },
    };
  }

  clients(): ChildClients & BuildClients {
    return {
      functions: this.functionClient(),
      configMaps: this.childClient<ConfigMap>('ConfigMap'),
      services: this.childClient<Service>('Service'),
      deployments: this.childClient<Deployment>('Deployment'),
      horizontalPodAutoscalers: this.childClient<HorizontalPodAutoscaler>('HorizontalPodAutoscaler'),
      jobs: this.unused<Job>('Job'),
      pods: this.unused<Pod>('Pod'),
    };
  }

  private record(effect: string, failure: string): void {
    this.effects.push(effect);
    const error = this.failures.get(failure);
    if (error !== undefined) throw error;
  }

  private nextVersion(): string {
    this.version += 1;
    return String(this.version);
  }

  private childClient<T extends Named>(kind: ChildKindName): ResourceClient<T> {
    const store = this.server[kind];
    const fake = {
      apply: async (object: T) => {
        const key = keyOfObject(object);
        const createOnly = object.metadata?.resourceVersion === '1';
        this.record(`${createOnly ? 'create-only' : 'apply'} ${kind} ${object.metadata?.name ?? ''}`, `apply ${kind}`);
        const existing = store.get(key);
        if (createOnly && existing !== undefined)
          throw new KubelessError({ code: ErrorCodes.CONFLICT.code, message: 'the object has been modified' });
        const written = {
          ...object,
          metadata: {
            ...object.metadata,
            uid: existing?.metadata?.uid ?? `${kind}-uid`,
            resourceVersion: this.nextVersion(),
          },
        };
        store.set(key, written);
        return written;
      },
      find: async (name: string, options: { namespace?: string }) => {
        this.record(`find ${kind} ${name}`, `find ${kind}`);
        return store.get(keyOf({ namespace: options.namespace ?? '', name }));
      },
      delete: async (name: string, options: { namespace?: string; preconditions?: { uid?: string } }) => {
        this.record(`delete ${kind} ${name} uid=${options.preconditions?.uid ?? ''}`, `delete ${kind}`);
        return store.delete(keyOf({ namespace: options.namespace ?? '', name }));
      },
    };
    return fake as unknown as ResourceClient<T>;
  }

  private functionClient(): ResourceClient<KubelessFunction> {
    const fake = {
      patch: async (name: string, body: { patch: readonly { op: string; value?: unknown }[] }) => {
        const finalizers = body.patch.find((op) => op.op === 'replace')?.value as string[];
        this.record(`patch Function ${name} finalizers=${finalizers.join(',')}`, 'patch Function');
        this.fn = this.written({ ...this.current(), metadata: { ...this.current().metadata, finalizers } });
        return this.fn;
      },
      patchStatus: async (_name: string, body: { patch: { status: KubelessFunction['status'] } }) => {
        const conditions = (body.patch.status?.conditions ?? []).map(
          (condition) => `${condition.type}=${condition.status}/${condition.reason ?? ''}`,
        );
        this.record(`status ${conditions.join(',')}`, 'status Function');
        this.fn = this.written({ ...this.current(), status: body.patch.status });
        return this.fn;
      },
    };
    return fake as unknown as ResourceClient<KubelessFunction>;
  }

  private current(): KubelessFunction {
    if (this.fn === undefined) throw new Error('no Function to write');
    return this.fn;
  }

  private written(fn: KubelessFunction): KubelessFunction {
    return { ...fn, metadata: { ...fn.metadata, resourceVersion: this.nextVersion() } };
  }

  /** Only the build step reads Jobs and build pods; its own spec covers them. */
  private unused<T extends Named>(kind: string): ResourceClient<T> {
    const refuse = async () => {
      throw new Error(`unexpected ${kind} call`);
    };
    return { create: refuse, delete: refuse, list: refuse, apply: refuse } as unknown as ResourceClient<T>;
  }
}
