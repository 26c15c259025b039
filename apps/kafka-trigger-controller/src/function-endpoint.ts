import type { KafkaBinding, KubelessFunction } from '@kubeless-ts/api';

/** The port Kubeless used when a Function's service names none. */
export const DEFAULT_FUNCTION_PORT = 8080;

/** The first service port of the Function (the one its Service exposes first), as Kubeless looked it up. */
export function functionPort(fn: Readonly<KubelessFunction>): number {
  const ports = fn.spec.service?.['ports'];
  if (!Array.isArray(ports)) return DEFAULT_FUNCTION_PORT;
  const first: unknown = ports[0];
  if (typeof first !== 'object' || first === null) return DEFAULT_FUNCTION_PORT;
  const port = (first as Record<string, unknown>)['port'];
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_FUNCTION_PORT;
}

export function bindingFor(fn: Readonly<KubelessFunction>): KafkaBinding {
  const name = fn.metadata.name ?? '';
  const namespace = fn.metadata.namespace ?? '';
  return { function: name, endpoint: `http://${name}.${namespace}.svc.cluster.local:${functionPort(fn)}` };
}
