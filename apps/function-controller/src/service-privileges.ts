import { FunctionPrivileges, type KubelessFunction } from '@kubeless-ts/api';
import { selectorLabels } from './child-metadata.js';
import type { PrivilegeUse } from './pod-privileges.js';
import { isJsonObject } from './template-merge.js';

const P = FunctionPrivileges;

const EXPOSING_TYPES: Readonly<Record<string, PrivilegeUse['privilege']>> = {
  NodePort: P.SERVICE_NODE_PORT,
  LoadBalancer: P.SERVICE_LOAD_BALANCER,
  ExternalName: P.SERVICE_EXTERNAL_NAME,
};

/**
 * Every field of a user's `spec.service` that exposes more than the
 * function inside the cluster: a node port or load balancer, external IPs
 * (which can capture traffic for any address), or a selector that would send
 * the Service's traffic to pods that are not this function's. Pure.
 */
export function servicePrivilegeUses(fn: Readonly<KubelessFunction>): PrivilegeUse[] {
  const service = fn.spec.service ?? {};
  const uses: PrivilegeUse[] = [];
  const type = service['type'];
  const exposing = typeof type === 'string' ? EXPOSING_TYPES[type] : undefined;
  if (exposing !== undefined)
    uses.push({ field: 'spec.service.type', privilege: exposing, what: `a ${String(type)} Service` });
  const externalIPs = service['externalIPs'];
  if (Array.isArray(externalIPs) && externalIPs.length > 0)
    uses.push({ field: 'spec.service.externalIPs', privilege: P.SERVICE_EXTERNAL_IPS, what: 'external IPs' });
  const selector = service['selector'];
  if (selector !== undefined && selector !== null) {
    // A selector that keeps the function's own labels can only narrow the pods it selects.
    const own = Object.entries(selectorLabels(fn));
    const selects = isJsonObject(selector) && own.every(([key, value]) => selector[key] === value);
    if (!selects)
      uses.push({
        field: 'spec.service.selector',
        privilege: P.SERVICE_SELECTOR,
        what: "a selector that does not select only the function's pods",
      });
  }
  return uses;
}
