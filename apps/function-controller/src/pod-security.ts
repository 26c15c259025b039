/**
 * The restricted Pod Security Standard, applied by default to every function
 * pod; a user's `spec.deployment` may relax any of it (user values win), e.g.
 * `readOnlyRootFilesystem: false` for a runtime that writes outside /kubeless
 * and /tmp.
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
