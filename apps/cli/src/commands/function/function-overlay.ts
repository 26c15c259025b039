/**
 * Applies deploy/update flags to a Function. Deploy starts from an empty
 * Function with the documented defaults filled in; update starts from the
 * stored one, so a flag that is not given leaves its field alone (the
 * original re-applied the timeout, port and pull-policy defaults on every
 * update).
 */
import { Labels } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { FunctionSource } from './function-source.js';

import type { ImagePullPolicy } from './image-pull-policy.js';

export type { ImagePullPolicy } from './image-pull-policy.js';

export const FunctionDefaults = { TIMEOUT: '180', PORT: 8080, IMAGE_PULL_POLICY: 'Always' } as const;
export const SERVICE_PORT_NAME = 'http-function-port';

/** Every field optional: undefined means "not given". */
export interface FunctionChanges {
  readonly runtime?: string;
  readonly handler?: string;
  readonly source?: FunctionSource;
  readonly deps?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly secrets?: readonly string[];
  readonly nodeSelectors?: Readonly<Record<string, string>>;
  readonly serviceAccount?: string;
  readonly memory?: string;
  readonly cpu?: string;
  readonly runtimeImage?: string;
  readonly imagePullPolicy?: ImagePullPolicy;
  readonly timeout?: string;
  readonly port?: number;
  readonly servicePort?: number;
  readonly headless?: boolean;
}

type Json = Record<string, unknown>;

function record(parent: Json, key: string): Json {
  const value = parent[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  const created: Json = {};
  parent[key] = created;
  return created;
}

function list(parent: Json, key: string): Json[] {
  const value = parent[key];
  if (Array.isArray(value)) return value as Json[];
  const created: Json[] = [];
  parent[key] = created;
  return created;
}

function podSpec(fn: KubelessFunction): Json {
  fn.spec.deployment = fn.spec.deployment ?? {};
  return record(record(record(fn.spec.deployment, 'spec'), 'template'), 'spec');
}

function firstContainer(pod: Json): Json {
  const containers = list(pod, 'containers');
  const first = containers[0] ?? {};
  if (containers.length === 0) containers.push(first);
  return first;
}

function applyResources(container: Json, memory: string | undefined, cpu: string | undefined): void {
  if (memory === undefined && cpu === undefined) return;
  const resources = record(container, 'resources');
  // Requests equal limits, as Kubeless set them; only the given quantities change.
  for (const key of ['requests', 'limits']) {
    const quantities = record(resources, key);
    if (memory !== undefined) quantities['memory'] = memory;
    if (cpu !== undefined) quantities['cpu'] = cpu;
  }
}

function applySecrets(pod: Json, container: Json, secrets: readonly string[]): void {
  const volumes = list(pod, 'volumes');
  const mounts = list(container, 'volumeMounts');
  for (const secret of secrets) {
    const volume = `${secret}-vol`;
    if (!volumes.some((entry) => entry['name'] === volume))
      volumes.push({ name: volume, secret: { secretName: secret } });
    if (!mounts.some((entry) => entry['name'] === volume)) mounts.push({ name: volume, mountPath: `/${secret}` });
  }
}

function applyPod(fn: KubelessFunction, changes: FunctionChanges): void {
  const touchesPod = [
    changes.env,
    changes.secrets,
    changes.nodeSelectors,
    changes.serviceAccount,
    changes.memory,
    changes.cpu,
    changes.runtimeImage,
    changes.imagePullPolicy,
  ].some((value) => value !== undefined);
  if (!touchesPod) return;
  const pod = podSpec(fn);
  const container = firstContainer(pod);
  if (changes.imagePullPolicy !== undefined) container['imagePullPolicy'] = changes.imagePullPolicy;
  if (changes.runtimeImage !== undefined) container['image'] = changes.runtimeImage;
  if (changes.env !== undefined)
    container['env'] = Object.entries(changes.env).map(([name, value]) => ({ name, value }));
  applyResources(container, changes.memory, changes.cpu);
  if (changes.serviceAccount !== undefined) pod['serviceAccountName'] = changes.serviceAccount;
  if (changes.nodeSelectors !== undefined) pod['nodeSelector'] = { ...changes.nodeSelectors };
  if (changes.secrets !== undefined) applySecrets(pod, container, changes.secrets);
}

function applyService(fn: KubelessFunction, changes: FunctionChanges): void {
  if (changes.port === undefined && changes.servicePort === undefined && changes.headless === undefined) return;
  const service = fn.spec.service ?? {};
  fn.spec.service = service;
  const ports = list(service, 'ports');
  const port = ports[0] ?? { name: SERVICE_PORT_NAME, protocol: 'TCP' };
  if (ports.length === 0) ports.push(port);
  if (changes.port !== undefined) {
    port['targetPort'] = changes.port;
    port['port'] = changes.servicePort ?? changes.port;
  } else if (changes.servicePort !== undefined) {
    port['port'] = changes.servicePort;
  }
  if (service['type'] === undefined) service['type'] = 'ClusterIP';
  if (changes.headless === true) service['clusterIP'] = 'None';
  if (changes.headless === false) delete service['clusterIP'];
}

/** Returns a changed copy; `fn` is not modified. */
export function applyFunctionChanges(fn: KubelessFunction, changes: FunctionChanges): KubelessFunction {
  const next = structuredClone(fn);
  if (changes.labels !== undefined) next.metadata.labels = { ...next.metadata.labels, ...changes.labels };
  if (changes.runtime !== undefined) next.spec.runtime = changes.runtime;
  if (changes.handler !== undefined) next.spec.handler = changes.handler;
  if (changes.timeout !== undefined) next.spec.timeout = changes.timeout;
  if (changes.deps !== undefined) next.spec.deps = changes.deps;
  if (changes.source !== undefined) {
    next.spec.function = changes.source.function;
    next.spec['function-content-type'] = changes.source.contentType;
    next.spec.checksum = changes.source.checksum;
  }
  applyPod(next, changes);
  applyService(next, changes);
  return next;
}

/** A new Function: kubeless labels, then the defaults, then the flags. */
export function newFunction(name: string, namespace: string, changes: FunctionChanges): KubelessFunction {
  const empty: KubelessFunction = {
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'Function',
    metadata: { name, namespace, labels: { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE, [Labels.FUNCTION]: name } },
    spec: {
      handler: '',
      function: '',
      'function-content-type': 'text',
      checksum: '',
      runtime: '',
      timeout: FunctionDefaults.TIMEOUT,
      deps: '',
    },
  };
  const withDefaults = applyFunctionChanges(empty, {
    imagePullPolicy: FunctionDefaults.IMAGE_PULL_POLICY,
    port: FunctionDefaults.PORT,
    headless: false,
  });
  const service = withDefaults.spec.service ?? {};
  service['selector'] = { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE, [Labels.FUNCTION]: name };
  return applyFunctionChanges(withDefaults, changes);
}
