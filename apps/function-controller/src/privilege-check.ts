import { KubelessConfigKeys } from '@kubeless-ts/api';
import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';
import { podPrivilegeUses, requestedServiceAccount, type PrivilegeUse } from './pod-privileges.js';
import { ReadyReasons, type SpecProblem } from './ready-reasons.js';
import { servicePrivilegeUses } from './service-privileges.js';

export type PrivilegePolicy = Pick<KubelessConfig, 'functionAllowedPrivileges' | 'functionAllowedServiceAccounts'>;

function refusal(use: PrivilegeUse): string {
  return `${use.field}: ${use.what} is not allowed (a cluster administrator can allow "${use.privilege}" in kubeless-config ${KubelessConfigKeys.FUNCTION_ALLOWED_PRIVILEGES})`;
}

/**
 * The controller creates the pods with its own cluster-wide identity, so
 * what a Function may ask for is decided here and not by the user's RBAC:
 * the restricted Pod Security Standard, a ClusterIP Service of its own pods
 * and an allowed ServiceAccount, unless kubeless-config allows more. The
 * whole Function is refused rather than quietly clamped, so that what runs
 * is what its author wrote (docs/adr). Undefined when the Function may run.
 */
export function privilegeProblem(fn: Readonly<KubelessFunction>, policy: PrivilegePolicy): SpecProblem | undefined {
  const userDeployment = fn.spec.deployment ?? {};
  const allowed = new Set<string>(policy.functionAllowedPrivileges);
  const messages = [...podPrivilegeUses(userDeployment), ...servicePrivilegeUses(fn)]
    .filter((use) => !allowed.has(use.privilege))
    .map(refusal);
  const account = requestedServiceAccount(userDeployment);
  if (account !== undefined && !policy.functionAllowedServiceAccounts.includes(account.name)) {
    messages.unshift(
      `${account.field}: the ServiceAccount "${account.name}" is not allowed (a cluster administrator can add it to kubeless-config ${KubelessConfigKeys.FUNCTION_ALLOWED_SERVICE_ACCOUNTS})`,
    );
  }
  return messages.length === 0
    ? undefined
    : { reason: ReadyReasons.PRIVILEGE_NOT_ALLOWED, message: messages.join('; ') };
}
