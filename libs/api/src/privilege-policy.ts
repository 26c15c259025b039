/**
 * What a cluster administrator may allow Function and HTTPTrigger authors
 * beyond the defaults (kubeless-config `function-allowed-privileges`,
 * `function-allowed-service-accounts`, `http-trigger-allowed-annotations`).
 * The controllers act with cluster-wide credentials, so anything not listed
 * here would let a user with only `functions create` do what their own RBAC
 * refuses them; see docs/security.md.
 */

/** Each name allows one way a function pod or Service can step outside the restricted Pod Security Standard. */
export const FunctionPrivileges = {
  HOST_NETWORK: 'hostNetwork',
  HOST_PID: 'hostPID',
  HOST_IPC: 'hostIPC',
  HOST_PORT: 'hostPort',
  HOST_PATH: 'hostPath',
  /** Volume types outside the restricted set other than hostPath (nfs, iscsi, …). */
  OTHER_VOLUME_TYPES: 'otherVolumeTypes',
  PRIVILEGED: 'privileged',
  ALLOW_PRIVILEGE_ESCALATION: 'allowPrivilegeEscalation',
  /** Capabilities added beyond NET_BIND_SERVICE, or `drop` without ALL. */
  CAPABILITIES: 'capabilities',
  /** runAsNonRoot false, or runAsUser / runAsGroup 0. */
  RUN_AS_ROOT: 'runAsRoot',
  SECCOMP_UNCONFINED: 'seccompUnconfined',
  APPARMOR_UNCONFINED: 'appArmorUnconfined',
  SELINUX_OPTIONS: 'seLinuxOptions',
  PROC_MOUNT_UNMASKED: 'procMountUnmasked',
  SYSCTLS: 'sysctls',
  WINDOWS_HOST_PROCESS: 'windowsHostProcess',
  SERVICE_EXTERNAL_IPS: 'serviceExternalIPs',
  SERVICE_NODE_PORT: 'serviceNodePort',
  SERVICE_LOAD_BALANCER: 'serviceLoadBalancer',
  SERVICE_EXTERNAL_NAME: 'serviceExternalName',
  /** A `spec.service.selector` that does not select only this function's pods. */
  SERVICE_SELECTOR: 'serviceSelector',
} as const;

export type FunctionPrivilege = (typeof FunctionPrivileges)[keyof typeof FunctionPrivileges];

export const FUNCTION_PRIVILEGE_NAMES: readonly FunctionPrivilege[] = Object.values(FunctionPrivileges);

/** Without an allow-list, functions run as the namespace's `default` ServiceAccount (or whatever the admin's `deployment` default sets). */
export const DEFAULT_FUNCTION_SERVICE_ACCOUNTS: readonly string[] = ['default'];

/**
 * Ingress annotations an HTTPTrigger may carry by default: the ones the
 * controller writes itself (rewrite, CORS, basic auth, TLS) and their
 * harmless siblings. A trailing `*` matches any suffix. `*-snippet`
 * annotations (raw gateway configuration) never match a wildcard: only an
 * exact entry lets one through.
 */
export const DEFAULT_HTTP_TRIGGER_ANNOTATIONS: readonly string[] = [
  'nginx.ingress.kubernetes.io/rewrite-target',
  'nginx.ingress.kubernetes.io/enable-cors',
  'nginx.ingress.kubernetes.io/cors-*',
  'nginx.ingress.kubernetes.io/auth-type',
  'nginx.ingress.kubernetes.io/auth-secret',
  'nginx.ingress.kubernetes.io/auth-secret-type',
  'nginx.ingress.kubernetes.io/auth-realm',
  'nginx.ingress.kubernetes.io/ssl-redirect',
  'nginx.ingress.kubernetes.io/force-ssl-redirect',
  'nginx.ingress.kubernetes.io/proxy-body-size',
  'nginx.ingress.kubernetes.io/proxy-read-timeout',
  'nginx.ingress.kubernetes.io/proxy-send-timeout',
  'traefik.ingress.kubernetes.io/rewrite-target',
  'ingress.kubernetes.io/enable-cors',
  'ingress.kubernetes.io/auth-type',
  'ingress.kubernetes.io/auth-secret',
  'konghq.com/strip-path',
  'kubernetes.io/tls-acme',
  'cert-manager.io/issuer',
  // ClusterIssuers exist to be shared by every namespace; the README's way to pick one for tls: true.
  'cert-manager.io/cluster-issuer',
];
