/** Options and results of ResourceClient calls. */

/** What the generic client needs to know about any object. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    managedFields?: unknown;
  };
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Per-call deadline; the facade's default applies otherwise. */
  readonly timeoutMs?: number;
}

export interface ObjectOptions extends CallOptions {
  /** Required for namespaced kinds. */
  readonly namespace?: string;
}

export interface ListOptions extends CallOptions {
  /** Omitted for a namespaced kind: all namespaces. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continueToken?: string;
  readonly resourceVersion?: string;
}

export interface ListPage<T> {
  readonly items: T[];
  readonly resourceVersion: string;
  readonly continueToken?: string;
}

export interface WriteOptions extends CallOptions {
  /** Defaults to the object's metadata.namespace. */
  readonly namespace?: string;
  /** `dryRun=All`: validated and defaulted by the server, never persisted (`--dry-run=server`). */
  readonly dryRun?: boolean;
  /** Overrides the client's field manager for this call. */
  readonly fieldManager?: string;
}

export interface ApplyOptions extends WriteOptions {
  /** Take over fields owned by other field managers instead of failing with KBL_ERR_CONFLICT. */
  readonly force?: boolean;
  /**
   * The server's check of the body for unknown or duplicate fields (`fieldValidation`); its default, Warn,
   * parses an apply body a second time only to report what nobody reads here. Unset: the server's default.
   */
  readonly fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
}

export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  readonly path: string;
  readonly value?: unknown;
  readonly from?: string;
}

export type PatchBody =
  | { readonly type: 'merge'; readonly patch: object }
  | { readonly type: 'strategic'; readonly patch: object }
  | { readonly type: 'json'; readonly patch: readonly JsonPatchOperation[] };

export const PropagationPolicies = { FOREGROUND: 'Foreground', BACKGROUND: 'Background', ORPHAN: 'Orphan' } as const;
export type PropagationPolicy = (typeof PropagationPolicies)[keyof typeof PropagationPolicies];

export interface DeleteOptions extends ObjectOptions {
  readonly dryRun?: boolean;
  readonly propagationPolicy?: PropagationPolicy;
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  /** Resolve false instead of failing with KBL_ERR_NOT_FOUND. */
  readonly ignoreNotFound?: boolean;
}

export interface WatchOptions {
  readonly signal?: AbortSignal;
  /** Deadline until the response headers arrive. */
  readonly timeoutMs?: number;
  readonly namespace?: string;
  readonly resourceVersion?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long; bounded watches keep load balancers and dead sockets honest. */
  readonly timeoutSeconds?: number;
}
