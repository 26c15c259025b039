/** The controllers these specs run in their own process, and what they make and read on the API server. */
import { aFunction, anHTTPTrigger } from '@kubeless-ts/api/testing';
import { findCondition } from '@kubeless-ts/api';
import type { Condition, HTTPTrigger } from '@kubeless-ts/api';
import {
  startControllerInProcess,
  type ControllerCluster,
  type RunningTestController,
} from '@kubeless-ts/controller-testing';
import type { Ingress, KubeClients, Service } from '@kubeless-ts/k8s';
import { FIELD_MANAGER, startHttpTriggerController } from '../src/http-trigger-controller.js';

export type { RunningTestController };

/** `allowedAnnotations`: as kubeless-config http-trigger-allowed-annotations would set them; the built-in defaults when not given. */
export function startInProcess(
  cluster: ControllerCluster,
  options: { readonly allowedAnnotations?: readonly string[] } = {},
): Promise<RunningTestController> {
  return startControllerInProcess(cluster, {
    fieldManager: FIELD_MANAGER,
    start: (common) => startHttpTriggerController({ ...common, allowedAnnotations: options.allowedAnnotations }),
  });
}

export function functionService(ns: string, name: string, port = 80): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, labels: { 'created-by': 'kubeless', function: name } },
    spec: {
      ports: [{ name: 'http-function-port', port, targetPort: 8080, protocol: 'TCP' }],
      selector: { function: name },
    },
  };
}

export async function createFunctionWithService(
  admin: KubeClients,
  ns: string,
  name: string,
  port = 80,
): Promise<void> {
  await admin.functions.create(aFunction().named(name).inNamespace(ns).build());
  await admin.services.create(functionService(ns, name, port));
}

export function trigger(ns: string, name: string, fn: string): ReturnType<typeof anHTTPTrigger> {
  return anHTTPTrigger().named(name).inNamespace(ns).forFunction(fn);
}

export async function readyOf(admin: KubeClients, ns: string, name: string): Promise<Condition | undefined> {
  const current: HTTPTrigger = await admin.httpTriggers.get(name, { namespace: ns });
  return findCondition(current.status?.conditions, 'Ready');
}

export async function ingressOf(admin: KubeClients, ns: string, name: string): Promise<Ingress | undefined> {
  return admin.ingresses.find(name, { namespace: ns });
}
