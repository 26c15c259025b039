import type { KubelessFunction } from '@kubeless-ts/api';
import type { Service } from '@kubeless-ts/k8s';
import { childMetadata, selectorLabels } from './child-metadata.js';
import { isJsonObject, mergeObjects } from './template-merge.js';

/** Istio and `kubeless function call` find the function through this port name. */
export const FUNCTION_PORT_NAME = 'http-function-port';
export const DEFAULT_FUNCTION_PORT = 8080;

function firstPort(fn: Readonly<KubelessFunction>): Record<string, unknown> | undefined {
  const ports = fn.spec.service?.['ports'];
  const first: unknown = Array.isArray(ports) ? ports[0] : undefined;
  return isJsonObject(first) ? first : undefined;
}

/** The port the function listens on: the first service port's numeric targetPort, else its port, else 8080 (Kubeless). */
export function functionPort(fn: Readonly<KubelessFunction>): number {
  const port = firstPort(fn);
  const target = port?.['targetPort'];
  if (typeof target === 'number' && Number.isInteger(target)) return target;
  const exposed = port?.['port'];
  return typeof exposed === 'number' && Number.isInteger(exposed) ? exposed : DEFAULT_FUNCTION_PORT;
}

/** The Service `<fn>`: defaults, with the user's `spec.service` over them (lists such as `ports` are the user's when given). */
export function desiredService(fn: Readonly<KubelessFunction>): Service {
  const defaults = {
    type: 'ClusterIP',
    selector: selectorLabels(fn),
    ports: [
      { name: FUNCTION_PORT_NAME, protocol: 'TCP', port: DEFAULT_FUNCTION_PORT, targetPort: DEFAULT_FUNCTION_PORT },
    ],
  };
  const spec = mergeObjects(defaults, fn.spec.service ?? {}, {});
  return { apiVersion: 'v1', kind: 'Service', metadata: childMetadata(fn), spec } as Service;
}
