/**
 * Why each permission is needed, for rules whose rules file has no comment
 * above them (a comment there wins). Keyed by app, then `<apiGroup>/<resource>`
 * (`core` for the core group). docs/rbac.md is generated with these; a rule
 * with no reason anywhere fails the sync, so a new permission gets explained.
 */
export const RBAC_REASONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'function-controller': {
    'kubeless.io/functions':
      'Informer on Functions; patch removes the legacy `kubeless.io/function` finalizer (children are garbage-collected through their owner now).',
    'kubeless.io/functions/status': 'Writes the Ready condition and observedGeneration through the status subresource.',
    'core/configmaps':
      "Applies each function's code ConfigMap (server-side apply needs create and patch) and deletes stale ones; reads kubeless-config live.",
    'core/services': "Applies each function's Service and deletes it when the function no longer wants it.",
    'apps/deployments': "Applies each function's Deployment and watches its rollout for the Ready condition.",
    'autoscaling/horizontalpodautoscalers':
      'Applies the HPA embedded in `spec.horizontalPodAutoscaler`, deletes it when removed.',
    'events.k8s.io/events':
      'Warning Events, e.g. when a same-named object not created by kubeless blocks a child (never adopted).',
    'coordination.k8s.io/leases': 'The leader-election Lease in the release namespace: one active replica.',
  },
  'http-trigger-controller': {
    'kubeless.io/httptriggers': 'Informer on the HTTPTriggers it reconciles.',
    'kubeless.io/functions': 'Informer on Functions: a trigger is re-checked when its function appears or goes.',
    'kubeless.io/httptriggers/status':
      'Writes the Ready condition and observedGeneration (server-side apply on the status subresource).',
    'core/services': "Reads the function's Service to point the Ingress backend at its port.",
    'events.k8s.io/events':
      'Warning Events, e.g. when an Ingress of the same name not created by kubeless is in the way.',
    'core/configmaps': 'Reads kubeless-config (that one ConfigMap, in its own namespace) for the watched namespace.',
    'coordination.k8s.io/leases': 'The leader-election Lease in the release namespace: one active replica.',
  },
  'cronjob-trigger-controller': {
    'kubeless.io/cronjobtriggers': 'Informer on the CronJobTriggers it reconciles.',
    'kubeless.io/functions':
      "Informer on Functions: the CronJob calls the function's Service, and a trigger of a deleted function is cleaned up.",
    'kubeless.io/cronjobtriggers/status':
      'Writes the Ready condition, observedGeneration and the mirrored Job results (status subresource).',
    'events.k8s.io/events':
      'Warning Events, e.g. when a CronJob of the same name not created by kubeless is in the way.',
    'coordination.k8s.io/leases': 'The leader-election Lease in the release namespace: one active replica.',
    'core/configmaps':
      'Reads kubeless-config (that one ConfigMap, in its own namespace): provision image and watched namespace.',
  },
};

export function ruleKey(apiGroup: string, resource: string): string {
  return `${apiGroup === '' ? 'core' : apiGroup}/${resource}`;
}
