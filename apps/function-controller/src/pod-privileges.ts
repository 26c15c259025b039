import { FunctionPrivileges, type FunctionPrivilege } from '@kubeless-ts/api';
import { isJsonObject, type JsonObject } from './template-merge.js';

/** One field of a user's spec that asks for more than the restricted Pod Security Standard gives. */
export interface PrivilegeUse {
  /** Where, as the user wrote it, e.g. `spec.deployment.spec.template.spec.hostNetwork`. */
  readonly field: string;
  readonly privilege: FunctionPrivilege;
  /** What the field does, for the condition message. */
  readonly what: string;
}

const P = FunctionPrivileges;

/** The volume types the restricted standard allows; anything else reaches the node or the network. */
const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
/** The "safe" sysctls of the baseline standard (namespaced, no effect outside the pod). */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

function object(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Checks shared by the pod's and each container's securityContext. */
function securityContextUses(context: JsonObject, at: string): PrivilegeUse[] {
  const uses: PrivilegeUse[] = [];
  const add = (field: string, privilege: FunctionPrivilege, what: string): void =>
    void uses.push({ field: `${at}.${field}`, privilege, what });
  if (context['runAsNonRoot'] === false) add('runAsNonRoot', P.RUN_AS_ROOT, 'running as root');
  if (context['runAsUser'] === 0) add('runAsUser', P.RUN_AS_ROOT, 'running as root (uid 0)');
  if (context['runAsGroup'] === 0) add('runAsGroup', P.RUN_AS_ROOT, 'running as group 0');
  if (object(context['seccompProfile'])['type'] === 'Unconfined')
    add('seccompProfile.type', P.SECCOMP_UNCONFINED, 'an unconfined seccomp profile');
  if (object(context['appArmorProfile'])['type'] === 'Unconfined')
    add('appArmorProfile.type', P.APPARMOR_UNCONFINED, 'an unconfined AppArmor profile');
  const selinux = object(context['seLinuxOptions']);
  if (
    selinux['user'] !== undefined ||
    selinux['role'] !== undefined ||
    !SELINUX_TYPES.has(String(selinux['type'] ?? ''))
  )
    add('seLinuxOptions', P.SELINUX_OPTIONS, 'custom SELinux options');
  if (object(context['windowsOptions'])['hostProcess'] === true)
    add('windowsOptions.hostProcess', P.WINDOWS_HOST_PROCESS, 'a Windows host process');
  return uses;
}

function containerUses(container: JsonObject, at: string): PrivilegeUse[] {
  const context = object(container['securityContext']);
  const sc = `${at}.securityContext`;
  const uses = securityContextUses(context, sc);
  if (context['privileged'] === true)
    uses.push({ field: `${sc}.privileged`, privilege: P.PRIVILEGED, what: 'a privileged container' });
  if (context['allowPrivilegeEscalation'] === true)
    uses.push({
      field: `${sc}.allowPrivilegeEscalation`,
      privilege: P.ALLOW_PRIVILEGE_ESCALATION,
      what: 'privilege escalation',
    });
  if (context['procMount'] !== undefined && context['procMount'] !== 'Default')
    uses.push({ field: `${sc}.procMount`, privilege: P.PROC_MOUNT_UNMASKED, what: 'an unmasked /proc' });
  const capabilities = object(context['capabilities']);
  const added = list(capabilities['add']).filter((name) => name !== 'NET_BIND_SERVICE');
  if (added.length > 0)
    uses.push({
      field: `${sc}.capabilities.add`,
      privilege: P.CAPABILITIES,
      what: `added capabilities ${added.map(String).join(', ')}`,
    });
  // The generated context drops ALL; a user's `drop` list replaces it, so it must keep ALL.
  if (capabilities['drop'] !== undefined && !list(capabilities['drop']).includes('ALL'))
    uses.push({
      field: `${sc}.capabilities.drop`,
      privilege: P.CAPABILITIES,
      what: 'keeping capabilities (drop must include ALL)',
    });
  list(container['ports']).forEach((port, index) => {
    const hostPort = object(port)['hostPort'];
    if (typeof hostPort === 'number' && hostPort !== 0)
      uses.push({ field: `${at}.ports[${index}].hostPort`, privilege: P.HOST_PORT, what: `host port ${hostPort}` });
  });
  return uses;
}

function volumeUses(volumes: unknown, at: string): PrivilegeUse[] {
  const uses: PrivilegeUse[] = [];
  list(volumes).forEach((volume, index) => {
    for (const type of Object.keys(object(volume)).filter(
      (key) => key !== 'name' && !RESTRICTED_VOLUME_TYPES.has(key),
    )) {
      const field = `${at}[${index}].${type}`;
      if (type === 'hostPath')
        uses.push({ field, privilege: P.HOST_PATH, what: 'a hostPath volume (files of the node)' });
      else uses.push({ field, privilege: P.OTHER_VOLUME_TYPES, what: `a ${type} volume` });
    }
  });
  return uses;
}

function podLevelUses(pod: JsonObject, at: string): PrivilegeUse[] {
  const uses: PrivilegeUse[] = [];
  const hosts = [
    ['hostNetwork', P.HOST_NETWORK, "the node's network namespace"],
    ['hostPID', P.HOST_PID, "the node's process namespace"],
    ['hostIPC', P.HOST_IPC, "the node's IPC namespace"],
  ] as const;
  for (const [field, privilege, what] of hosts)
    if (pod[field] === true) uses.push({ field: `${at}.${field}`, privilege, what });
  const context = object(pod['securityContext']);
  uses.push(...securityContextUses(context, `${at}.securityContext`));
  list(context['sysctls']).forEach((sysctl, index) => {
    const name = String(object(sysctl)['name'] ?? '');
    if (!SAFE_SYSCTLS.has(name))
      uses.push({ field: `${at}.securityContext.sysctls[${index}]`, privilege: P.SYSCTLS, what: `the sysctl ${name}` });
  });
  return uses;
}

/**
 * Every field of a user's `spec.deployment` that steps outside the
 * restricted Pod Security Standard. Only the user's template is read: the
 * controller's own containers and the administrator's `deployment` default
 * are not the user's to answer for. Pure.
 */
export function podPrivilegeUses(userDeployment: Readonly<JsonObject>): PrivilegeUse[] {
  const at = 'spec.deployment.spec.template';
  const template = object(object(userDeployment['spec'])['template']);
  const pod = object(template['spec']);
  const uses = podLevelUses(pod, `${at}.spec`);
  uses.push(...volumeUses(pod['volumes'], `${at}.spec.volumes`));
  for (const listName of CONTAINER_LISTS) {
    list(pod[listName]).forEach((container, index) =>
      uses.push(...containerUses(object(container), `${at}.spec.${listName}[${index}]`)),
    );
  }
  for (const [key, value] of Object.entries(object(object(template['metadata'])['annotations']))) {
    if (
      key.startsWith(APPARMOR_ANNOTATION_PREFIX) &&
      value !== 'runtime/default' &&
      !String(value).startsWith('localhost/')
    ) {
      uses.push({
        field: `${at}.metadata.annotations["${key}"]`,
        privilege: P.APPARMOR_UNCONFINED,
        what: `the AppArmor profile ${String(value)}`,
      });
    }
  }
  return uses;
}

/** The ServiceAccount a user's template runs the pods as; undefined when it does not say. */
export function requestedServiceAccount(
  userDeployment: Readonly<JsonObject>,
): { field: string; name: string } | undefined {
  const pod = object(object(object(userDeployment['spec'])['template'])['spec']);
  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const name = pod[field];
    if (typeof name === 'string' && name !== '') return { field: `spec.deployment.spec.template.spec.${field}`, name };
  }
  return undefined;
}
