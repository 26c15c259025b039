import { ErrorCodes, isKubelessError } from '@kubeless-ts/errors';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, ResourceClient, Service } from '@kubeless-ts/k8s';
import { ChildKinds, conflictMessage, ownershipOf, Ownerships, type Action, type AnyChild, type ChildKind } from './plan.js';
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
  readonly applied: readonly { readonly kind: ChildKind; readonly object: AnyChild }[];
  readonly deleted: readonly ChildKind[];
}

function clientFor(clients: ChildClients, kind: ChildKind): ResourceClient<AnyChild> {
  switch (kind) {
    case ChildKinds.CONFIG_MAP:
      return clients.configMaps as ResourceClient<AnyChild>;
    case ChildKinds.SERVICE:
      return clients.services as ResourceClient<AnyChild>;
    case ChildKinds.DEPLOYMENT:
      return clients.deployments as ResourceClient<AnyChild>;
    case ChildKinds.HPA:
      return clients.horizontalPodAutoscalers as ResourceClient<AnyChild>;
  }
}

/**
 * The API server's validation covers what the embedded templates may hold;
 * its refusal is a spec problem for the user, not a reason to retry forever.
 */
async function applyChild(client: ResourceClient<AnyChild>, kind: ChildKind, object: AnyChild, signal: AbortSignal): Promise<{ applied?: AnyChild; problem?: SpecProblem }> {
  try {
    // force: this controller is the only intended owner of what it applies; a hand edit of those fields is drift to undo.
    return { applied: await client.apply(object, { force: true, signal }) };
  } catch (error) {
    if (isKubelessError(error) && error.code === ErrorCodes.INVALID.code) {
      return { problem: { reason: ReadyReasons.INVALID_SPEC, message: `the ${kind} built from this Function was refused: ${error.message}` } };
    }
    throw error;
  }
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
async function createOnly(client: ResourceClient<AnyChild>, kind: ChildKind, object: AnyChild, signal: AbortSignal): Promise<{ applied?: AnyChild; problem?: SpecProblem } | 'exists'> {
  try {
    return await applyChild(client, kind, { ...object, metadata: { ...object.metadata, resourceVersion: NEVER_A_LIVE_VERSION } }, signal);
  } catch (error) {
    if (isKubelessError(error) && error.code === ErrorCodes.CONFLICT.code) return 'exists';
    throw error;
  }
}

interface ExecuteContext {
  readonly fn: Readonly<KubelessFunction>;
  readonly clients: ChildClients;
  readonly signal: AbortSignal;
}

async function run(action: Action, context: ExecuteContext): Promise<{ applied?: AnyChild; problem?: SpecProblem }> {
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
    case 'ensure': {
      const client = clientFor(clients, action.kind);
      const created = await createOnly(client, action.kind, action.object, signal);
      if (created !== 'exists') return created;
      // The cache only holds kubeless-labelled objects; one made by someone else is only visible by asking.
      const name = action.object.metadata?.name ?? '';
      const existing = await client.find(name, { namespace, signal });
      if (existing !== undefined && ownershipOf(existing, fn) === Ownerships.FOREIGN) {
        return { problem: { reason: ReadyReasons.CHILD_CONFLICT, message: conflictMessage(action.kind, namespace, name) } };
      }
      return applyChild(client, action.kind, action.object, signal);
    }
    case 'apply':
      return applyChild(clientFor(clients, action.kind), action.kind, action.object, signal);
    case 'delete':
      await clientFor(clients, action.kind).delete(action.name, { namespace, signal, ignoreNotFound: true, preconditions: { uid: action.uid } });
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
  const applied: { kind: ChildKind; object: AnyChild }[] = [];
  const deleted: ChildKind[] = [];
  for (const action of actions) {
    const outcome = await run(action, context);
    if (outcome.applied !== undefined && 'kind' in action) applied.push({ kind: action.kind, object: outcome.applied });
    if (action.type === 'delete') deleted.push(action.kind);
    if (outcome.problem !== undefined) return { problem: outcome.problem, applied, deleted };
  }
  return { applied, deleted };
}
