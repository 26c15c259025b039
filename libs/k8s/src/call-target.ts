/** What a call to the API server was about, so a failure can say so in words a person understands. */
export type ApiVerb =
  'get' | 'list' | 'watch' | 'create' | 'replace' | 'patch' | 'apply' | 'delete' | 'proxy' | 'logs' | 'discover';

export interface CallTarget {
  readonly verb: ApiVerb;
  /** Kind as users know it: `Function`, `Deployment`. */
  readonly kind: string;
  /** `plural.group` (`functions.kubeless.io`), for RBAC hints and "API not installed" messages. */
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** English plural of a kind for messages: Functions, Ingresses, Endpoints, NetworkPolicies. */
export function pluralOf(kind: string): string {
  if (/(ss|x|ch|sh)$/.test(kind)) return `${kind}es`;
  if (kind.endsWith('s')) return kind;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return `${kind}s`;
}

/** `Function "demo/hello"`, `Functions in namespace "demo"`, `ClusterRole "view"`. */
export function describeTarget(target: CallTarget): string {
  if (target.name !== undefined) {
    const id = target.namespace === undefined ? target.name : `${target.namespace}/${target.name}`;
    return `${target.kind} "${id}"`;
  }
  const plural = pluralOf(target.kind);
  return target.namespace === undefined
    ? `${plural} in all namespaces`
    : `${plural} in namespace "${target.namespace}"`;
}

/** The `kubectl auth can-i` line that checks the permission a call needed. */
export function canIHint(target: CallTarget): string {
  const verb =
    target.verb === 'apply' ? 'patch' : target.verb === 'logs' ? 'get' : target.verb === 'proxy' ? 'get' : target.verb;
  const resource = target.resource ?? target.kind.toLowerCase();
  const namespace = target.namespace === undefined ? '' : ` -n ${target.namespace}`;
  return `kubectl auth can-i ${verb} ${resource}${namespace}`;
}
