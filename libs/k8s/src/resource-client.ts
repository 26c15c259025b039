/**
 * One typed client for any kind, parameterised by its ResourceType: the four
 * kubeless kinds and every core kind go through the same get/list/watch/
 * create/replace/patch/apply/delete code and the same error mapping.
 */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { ContentTypes, requestJson } from './api-json.js';
import type { ContentType, JsonRequest } from './api-json.js';
import type { ApiTransport } from './api-transport.js';
import type { ApiVerb, CallTarget } from './call-target.js';
import { kubeCall } from './error-mapping.js';
import { apiVersionOf, collectionPath, objectPath, qualifiedResource } from './resource-type.js';
import type { ResourceType } from './resource-type.js';
import { consumeWatchStream } from './watch-stream.js';
import type { WatchEvent } from './watch-stream.js';
import type {
  ApplyOptions,
  CallOptions,
  DeleteOptions,
  KubeObject,
  ListOptions,
  ListPage,
  ObjectOptions,
  PatchBody,
  WatchOptions,
  WriteOptions,
} from './resource-options.js';

const DEFAULT_PAGE_SIZE = 500;
/** Grace on top of the server's watch timeout before a silent connection counts as dead. */
const WATCH_IDLE_GRACE_MS = 30_000;
/** The API server's default watch timeout is at most 2 × 30 min when none is requested. */
const SERVER_DEFAULT_WATCH_SECONDS = 3_600;

const patchContentTypes: Readonly<Record<PatchBody['type'], ContentType>> = {
  merge: ContentTypes.MERGE_PATCH,
  strategic: ContentTypes.STRATEGIC_MERGE_PATCH,
  json: ContentTypes.JSON_PATCH,
};

interface ObjectList<T> {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}

export class ResourceClient<T extends KubeObject> {
  constructor(
    private readonly transport: ApiTransport,
    readonly type: ResourceType<T>,
    private readonly fieldManager: string,
  ) {}

  async get(name: string, options: ObjectOptions = {}): Promise<T> {
    const namespace = this.namespaceFor(options.namespace);
    return this.call('get', namespace, name, options, { method: 'GET', path: objectPath(this.type, namespace, name) });
  }

  /** Like get, but resolves undefined when the object does not exist (and still fails when the kind itself is not served). */
  async find(name: string, options: ObjectOptions = {}): Promise<T | undefined> {
    try {
      return await this.get(name, options);
    } catch (error: unknown) {
      if (
        error instanceof KubelessError &&
        error.code === ErrorCodes.NOT_FOUND.code &&
        error.details['apiMissing'] !== true
      )
        return undefined;
      throw error;
    }
  }

  /** One page. Without a namespace a namespaced kind is listed across all namespaces. */
  async list(options: ListOptions = {}): Promise<ListPage<T>> {
    const query = {
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
      limit: options.limit,
      continue: options.continueToken,
      resourceVersion: options.resourceVersion,
    };
    const list = await this.call<ObjectList<T>>('list', options.namespace, undefined, options, {
      method: 'GET',
      path: collectionPath(this.type, options.namespace),
      query,
    });
    // List items come without apiVersion/kind; restore them so every object this lib returns is self-describing.
    const items = (list.items ?? []).map((item) => ({
      apiVersion: apiVersionOf(this.type),
      kind: this.type.kind,
      ...item,
    }));
    const continueToken = list.metadata?.continue;
    return {
      items,
      resourceVersion: list.metadata?.resourceVersion ?? '',
      continueToken: continueToken === '' ? undefined : continueToken,
    };
  }

  /** Every page of a list; the resourceVersion is the snapshot of the first page, which later pages share. */
  async listAll(options: Omit<ListOptions, 'continueToken'> = {}): Promise<ListPage<T>> {
    const first = await this.list({ limit: DEFAULT_PAGE_SIZE, ...options });
    const items = [...first.items];
    let continueToken = first.continueToken;
    while (continueToken !== undefined) {
      const page = await this.list({ limit: DEFAULT_PAGE_SIZE, ...options, resourceVersion: undefined, continueToken });
      items.push(...page.items);
      continueToken = page.continueToken;
    }
    return { items, resourceVersion: first.resourceVersion };
  }

  /** Resolves when the server ends the watch or the signal aborts; rejects (mapped) on any failure, KBL_ERR_GONE for an expired resourceVersion. */
  async watch(options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): Promise<void> {
    const { signal } = options;
    const query = {
      watch: true,
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: options.allowWatchBookmarks,
      timeoutSeconds: options.timeoutSeconds,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    const idleTimeoutMs = (options.timeoutSeconds ?? SERVER_DEFAULT_WATCH_SECONDS) * 1000 + WATCH_IDLE_GRACE_MS;
    const target = this.target('watch', options.namespace);
    try {
      await kubeCall(
        target,
        async () => {
          const response = await this.transport.stream({
            method: 'GET',
            path: collectionPath(this.type, options.namespace),
            query,
            signal,
            timeoutMs: options.timeoutMs,
          });
          await consumeWatchStream(response.body, onEvent, { idleTimeoutMs });
        },
        signal,
      );
    } catch (error: unknown) {
      if (signal?.aborted) return;
      throw error;
    }
  }

  async create(object: T, options: WriteOptions = {}): Promise<T> {
    const namespace = this.namespaceFor(options.namespace, object);
    const query = { dryRun: dryRun(options), fieldManager: options.fieldManager ?? this.fieldManager };
    return this.call('create', namespace, object.metadata?.name, options, {
      method: 'POST',
      path: collectionPath(this.type, namespace),
      query,
      json: this.complete(object),
    });
  }

  /** Full update; a stale metadata.resourceVersion fails with KBL_ERR_CONFLICT. */
  async replace(object: T, options: WriteOptions = {}): Promise<T> {
    return this.replaceAt(object, options, undefined);
  }

  async patch(name: string, patch: PatchBody, options: WriteOptions = {}): Promise<T> {
    return this.patchAt(name, patch, options, undefined);
  }

  /** Server-side apply: the object states the fields this caller's field manager owns. */
  async apply(object: T, options: ApplyOptions = {}): Promise<T> {
    return this.applyAt(object, options, undefined);
  }

  /** Resolves true when deleted, false when it was already gone and `ignoreNotFound` is set. */
  async delete(name: string, options: DeleteOptions = {}): Promise<boolean> {
    const namespace = this.namespaceFor(options.namespace);
    // The API server decodes a DeleteOptions body over the query: the propagation policy must be in it too, or a
    // Job deleted with preconditions gets the batch/v1 default (orphan) and leaves its pods behind.
    const body = options.preconditions
      ? {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          preconditions: options.preconditions,
          propagationPolicy: options.propagationPolicy,
          gracePeriodSeconds: options.gracePeriodSeconds,
        }
      : undefined;
    const query = {
      dryRun: dryRun(options),
      propagationPolicy: options.propagationPolicy,
      gracePeriodSeconds: options.gracePeriodSeconds,
    };
    try {
      await this.call('delete', namespace, name, options, {
        method: 'DELETE',
        path: objectPath(this.type, namespace, name),
        query,
        json: body,
      });
      return true;
    } catch (error: unknown) {
      if (
        options.ignoreNotFound === true &&
        error instanceof KubelessError &&
        error.code === ErrorCodes.NOT_FOUND.code &&
        error.details['apiMissing'] !== true
      )
        return false;
      throw error;
    }
  }

  async getStatus(name: string, options: ObjectOptions = {}): Promise<T> {
    const namespace = this.namespaceFor(options.namespace);
    return this.call('get', namespace, name, options, {
      method: 'GET',
      path: objectPath(this.type, namespace, name, 'status'),
    });
  }

  async replaceStatus(object: T, options: WriteOptions = {}): Promise<T> {
    return this.replaceAt(object, options, 'status');
  }

  async patchStatus(name: string, patch: PatchBody, options: WriteOptions = {}): Promise<T> {
    return this.patchAt(name, patch, options, 'status');
  }

  /** Server-side apply to the status subresource (spec fields in the object are ignored by the server). */
  async applyStatus(object: T, options: ApplyOptions = {}): Promise<T> {
    return this.applyAt(object, options, 'status');
  }

  private async replaceAt(object: T, options: WriteOptions, subresource: string | undefined): Promise<T> {
    const namespace = this.namespaceFor(options.namespace, object);
    const name = this.nameOf(object, 'replace');
    const query = { dryRun: dryRun(options), fieldManager: options.fieldManager ?? this.fieldManager };
    return this.call('replace', namespace, name, options, {
      method: 'PUT',
      path: objectPath(this.type, namespace, name, subresource),
      query,
      json: this.complete(object),
    });
  }

  private async patchAt(
    name: string,
    patch: PatchBody,
    options: WriteOptions,
    subresource: string | undefined,
  ): Promise<T> {
    const namespace = this.namespaceFor(options.namespace);
    const query = { dryRun: dryRun(options), fieldManager: options.fieldManager ?? this.fieldManager };
    const request = {
      method: 'PATCH',
      path: objectPath(this.type, namespace, name, subresource),
      query,
      json: patch.patch,
      contentType: patchContentTypes[patch.type],
    } as const;
    return this.call('patch', namespace, name, options, request);
  }

  private async applyAt(object: T, options: ApplyOptions, subresource: string | undefined): Promise<T> {
    const namespace = this.namespaceFor(options.namespace, object);
    const name = this.nameOf(object, 'apply');
    const query = {
      dryRun: dryRun(options),
      fieldManager: options.fieldManager ?? this.fieldManager,
      force: options.force,
      fieldValidation: options.fieldValidation,
    };
    const request = {
      method: 'PATCH',
      path: objectPath(this.type, namespace, name, subresource),
      query,
      json: this.forApply(object),
      contentType: ContentTypes.APPLY_PATCH,
    } as const;
    return this.call('apply', namespace, name, options, request);
  }

  private async call<R>(
    verb: ApiVerb,
    namespace: string | undefined,
    name: string | undefined,
    options: CallOptions,
    request: JsonRequest,
  ): Promise<R> {
    const target = this.target(verb, namespace, name);
    return kubeCall(
      target,
      () => requestJson<R>(this.transport, { ...request, signal: options.signal, timeoutMs: options.timeoutMs }),
      options.signal,
    );
  }

  private target(verb: ApiVerb, namespace: string | undefined, name?: string): CallTarget {
    return {
      verb,
      kind: this.type.kind,
      resource: qualifiedResource(this.type),
      namespace: this.type.namespaced ? namespace : undefined,
      name,
    };
  }

  private namespaceFor(explicit: string | undefined, object?: T): string | undefined {
    if (!this.type.namespaced) return undefined;
    const namespace = explicit ?? object?.metadata?.namespace;
    if (namespace === undefined || namespace === '') {
      throw new KubelessError({
        code: ErrorCodes.INTERNAL.code,
        message: `${this.type.kind} is namespaced but no namespace was given`,
        hint: ErrorCodes.INTERNAL.fix,
        terminal: true,
      });
    }
    return namespace;
  }

  private nameOf(object: T, verb: ApiVerb): string {
    const name = object.metadata?.name;
    if (name === undefined || name === '') {
      throw new KubelessError({
        code: ErrorCodes.INTERNAL.code,
        message: `cannot ${verb} a ${this.type.kind} without metadata.name`,
        hint: ErrorCodes.INTERNAL.fix,
        terminal: true,
      });
    }
    return name;
  }

  private complete(object: T): T {
    return { ...object, apiVersion: object.apiVersion ?? apiVersionOf(this.type), kind: object.kind ?? this.type.kind };
  }

  /** The server refuses apply bodies that carry managedFields, which any object read back from the server has. */
  private forApply(object: T): T {
    const completed = this.complete(object);
    if (completed.metadata?.managedFields === undefined) return completed;
    const { managedFields: _managedFields, ...metadata } = completed.metadata;
    return { ...completed, metadata };
  }
}

function dryRun(options: { dryRun?: boolean }): string | undefined {
  return options.dryRun === true ? 'All' : undefined;
}
