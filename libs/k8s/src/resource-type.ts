/**
 * Where a kind lives in the API: enough to build every URL the generic
 * client needs. The type parameter ties a descriptor to its object type so
 * `clients.resource(ResourceTypes.Deployment)` is typed without casts.
 */
declare const objectType: unique symbol;

export interface ResourceType<T> {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Type-level only; never set. */
  readonly [objectType]?: T;
}

export function defineResource<T>(spec: {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}): ResourceType<T> {
  return spec;
}

export function apiVersionOf(type: ResourceType<unknown>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** `functions.kubeless.io`, `pods`: the name RBAC rules and `kubectl auth can-i` use. */
export function qualifiedResource(type: ResourceType<unknown>): string {
  return type.group === '' ? type.plural : `${type.plural}.${type.group}`;
}

function groupVersionPath(type: ResourceType<unknown>): string {
  return type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
}

/** Collection URL; a namespaced kind without namespace means "all namespaces". */
export function collectionPath(type: ResourceType<unknown>, namespace: string | undefined): string {
  const scope = type.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(type)}${scope}/${type.plural}`;
}

export function objectPath(
  type: ResourceType<unknown>,
  namespace: string | undefined,
  name: string,
  subresource?: string,
): string {
  const sub = subresource === undefined ? '' : `/${subresource}`;
  return `${collectionPath(type, namespace)}/${encodeURIComponent(name)}${sub}`;
}
