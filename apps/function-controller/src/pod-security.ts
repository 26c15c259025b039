import { isJsonObject, type JsonObject } from './template-merge.js';

/**
 * The restricted Pod Security Standard, applied to every function pod. A
 * user's `spec.deployment` may change what the standard leaves open (e.g.
 * `readOnlyRootFilesystem: false` for a runtime that writes outside
 * /kubeless and /tmp, another non-root uid); whatever would leave it is
 * refused before anything is written (privilege-check.ts), unless
 * kubeless-config allows it.
 */
export const FUNCTION_UID = 1000;

export function podSecurityContext(): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: FUNCTION_UID,
    runAsGroup: FUNCTION_UID,
    fsGroup: FUNCTION_UID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function containerSecurityContext(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Kubernetes refuses allowPrivilegeEscalation=false beside these; they are only there when an administrator allowed them. */
function escalates(context: JsonObject): boolean {
  const added = isJsonObject(context['capabilities']) ? context['capabilities']['add'] : undefined;
  return context['privileged'] === true || (Array.isArray(added) && added.includes('SYS_ADMIN'));
}

/**
 * A container the user (or the administrator's default) added next to the
 * function's gets no generated securityContext from the merge; the fields
 * the restricted standard requires on every container are filled in where
 * nothing was said. Set values are kept: leaving the standard is decided by
 * the privilege check, not here (only an allowed privileged container loses
 * the generated allowPrivilegeEscalation).
 */
export function withRestrictedContainerDefaults(podSpec: JsonObject): void {
  for (const listName of ['initContainers', 'containers'] as const) {
    const containers = podSpec[listName];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (!isJsonObject(container)) continue;
      const context: JsonObject = isJsonObject(container['securityContext']) ? container['securityContext'] : {};
      // A privileged container escalates by definition; the generated `false` would make the API server refuse the Deployment.
      if (escalates(context)) delete context['allowPrivilegeEscalation'];
      else if (context['allowPrivilegeEscalation'] === undefined) context['allowPrivilegeEscalation'] = false;
      const capabilities: JsonObject = isJsonObject(context['capabilities']) ? context['capabilities'] : {};
      if (capabilities['drop'] === undefined) capabilities['drop'] = ['ALL'];
      context['capabilities'] = capabilities;
      container['securityContext'] = context;
    }
  }
}
