import { applyOptions } from '@kubeless-ts/controller-kit';
import { ErrorCodes, isKubelessError } from '@kubeless-ts/errors';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, ResourceClient, Service } from '@kubeless-ts/k8s';
import {
  ChildKinds,
  conflictMessage,
  isNotOurs,
  ownershipByFunction,
  type Action,
  type ChildKind,
  type ChildOf,
  type ChildTypes,
} from './plan.js';
import { ReadyReasons, type SpecProblem } from './ready-reasons.js';

/** The writers `execute` needs; `KubeClients` has them all. */
export interface ChildClients {
  readonly functions: ResourceClient<KubelessFunction>;
  readonly configMaps: ResourceClient<ConfigMap>;
  readonly services: ResourceClient<Service>;
  readonly deployments: ResourceClient<Deployment>;
  readonly horizontalPodAutoscalers: ResourceClient<HorizontalPodAutoscaler>;
}

export interface ExecuteResult {
  /** A conflict, or a child the API server refused as invalid: the Function cannot converge until someone changes something. */
  readonly problem?: SpecProblem;
  /** Children as the API server returned them after apply (fresher than the caches). */
  readonly applied: readonly ChildOf[];
  readonly deleted: readonly ChildKind[];
}

type KindClients = { readonly [K in ChildKind]: ResourceClient<ChildTypes[K]> };

function byKind(clients: ChildClients): KindClients {
  return {
    [ChildKinds.CONFIG_MAP]: clients.configMaps,
    [ChildKinds.SERVICE]: clients.services,
    [ChildKinds.DEPLOYMENT]: clients.deployments,
    [ChildKinds.HPA]: clients.horizontalPodAutoscalers,
  };
}

type WriteOutcome<K extends ChildKind = ChildKind> = { readonly applied?: ChildOf<K>; readonly problem?: SpecProblem };

/**
 * The API server's validation covers what the embedded templates may hold;
 * its refusal is a spec problem for the user, not a reason to retry forever.
 */
async function applyChild<K extends ChildKind>(
  clients: KindClients,
  child: ChildOf<K>,
  signal: AbortSignal,
): Promise<WriteOutcome<K>> {
  try {
    // The kit's apply options (forced: a hand edit of these fields is drift to undo; no second parse, ADR 0030).
    const object = await clients[child.kind].apply(child.object, applyOptions(signal));
    return { applied: appliedChild(child, object) };
  } catch (error) {
    if (isKubelessError(error) && error.code === ErrorCodes.INVALID.code) {
      return {
        problem: {
          reason: ReadyReasons.INVALID_SPEC,
          message: `the ${child.kind} built from this Function was refused: ${error.message}`,
        },
      };
    }
    throw error;
  }
}

function appliedChild<K extends ChildKind>(child: ChildOf<K>, object: ChildTypes[K]): ChildOf<K> {
  return { ...child, object };
}

/**
 * No etcd revision of a live object is ever 1 (revision 1 is the cluster's
 * very first write), so as an apply precondition it means "only if absent".
 */
const NEVER_A_LIVE_VERSION = '1';

/**
 * Server-side apply that creates a missing child but never touches an
 * existing one: on create the API server ignores the resourceVersion, on an
 * existing object the precondition fails with a conflict. One request in the
 * common case, instead of a GET before every first apply.
 */
async function createOnly<K extends ChildKind>(
  clients: KindClients,
  child: ChildOf<K>,
  signal: AbortSignal,
): Promise<WriteOutcome<K> | 'exists'> {
  const object = child.object;
  try {
    return await applyChild(
      clients,
      appliedChild(child, { ...object, metadata: { ...object.metadata, resourceVersion: NEVER_A_LIVE_VERSION } }),
      signal,
    );
  } catch (error) {
    if (isKubelessError(error) && error.code === ErrorCodes.CONFLICT.code) return 'exists';
    throw error;
  }
}

/** Creates the child, or applies it over an existing one that is ours or that Kubeless left; never over anyone else's. */
async function ensureChild<K extends ChildKind>(
  clients: KindClients,
  child: ChildOf<K>,
  context: ExecuteContext,
): Promise<WriteOutcome<K>> {
  const created = await createOnly(clients, child, context.signal);
  if (created !== 'exists') return created;
  // The cache only holds kubeless-labelled objects; one made by someone else is only visible by asking.
  const namespace = context.fn.metadata.namespace ?? '';
  const name = child.object.metadata?.name ?? '';
  const existing = await clients[child.kind].find(name, { namespace, signal: context.signal });
  if (existing !== undefined && isNotOurs(ownershipByFunction(existing, context.fn))) {
    return { problem: { reason: ReadyReasons.CHILD_CONFLICT, message: conflictMessage(child.kind, namespace, name) } };
  }
  return applyChild(clients, child, context.signal);
}

interface ExecuteContext {
  readonly fn: Readonly<KubelessFunction>;
  readonly clients: ChildClients;
  readonly signal: AbortSignal;
}

async function run(action: Action, context: ExecuteContext): Promise<WriteOutcome> {
  const { fn, clients, signal } = context;
  const namespace = fn.metadata.namespace ?? '';
  switch (action.type) {
    case 'removeFinalizer': {
      const patch = [
        { op: 'test', path: '/metadata/finalizers', value: fn.metadata.finalizers ?? [] },
        { op: 'replace', path: '/metadata/finalizers', value: action.finalizers },
      ] as const;
      await clients.functions.patch(fn.metadata.name ?? '', { type: 'json', patch }, { namespace, signal });
      return {};
    }
    case 'ensure':
      return ensureChild(byKind(clients), action, context);
    case 'apply':
      return applyChild(byKind(clients), action, signal);
    case 'delete':
      await byKind(clients)[action.kind].delete(action.name, {
        namespace,
        signal,
        ignoreNotFound: true,
        preconditions: { uid: action.uid },
      });
      return {};
    case 'conflict':
      return { problem: { reason: ReadyReasons.CHILD_CONFLICT, message: action.message } };
  }
}

/**
 * Performs the planned actions in order (ConfigMap before the Deployment that
 * mounts it) and stops at the first problem, so nothing is written next to an
 * object someone else owns. Sequential on purpose: the API server, not this
 * loop, is the bottleneck (see the bench), and a refused child must stop the rest.
 */
export async function execute(actions: readonly Action[], context: ExecuteContext): Promise<ExecuteResult> {
  const applied: ChildOf[] = [];
  const deleted: ChildKind[] = [];
  for (const action of actions) {
    const outcome = await run(action, context);
    if (outcome.applied !== undefined) applied.push(outcome.applied);
    if (action.type === 'delete') deleted.push(action.kind);
    if (outcome.problem !== undefined) return { problem: outcome.problem, applied, deleted };
  }
  return { applied, deleted };
}
