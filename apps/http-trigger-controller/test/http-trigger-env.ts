/** One controller under test, running in this process with the ServiceAccount's clients, scoped to one namespace. */
import { aFunction, anHTTPTrigger } from '@kubeless-ts/api/testing';
import { findCondition } from '@kubeless-ts/api';
import type { Condition, HTTPTrigger } from '@kubeless-ts/api';
import { silentLogger, type RunningController } from '@kubeless-ts/controller-kit';
import type { Ingress, KubeClients, Service } from '@kubeless-ts/k8s';
import { FIELD_MANAGER, startHttpTriggerController } from '../src/http-trigger-controller.js';
import { createNamespace, uniqueName, type BoundServiceAccount } from './cluster-fixture.js';

export interface RunningTestController {
  readonly ns: string;
  readonly controller: RunningController;
  stop(): Promise<void>;
}

/** `allowedAnnotations`: as kubeless-config http-trigger-allowed-annotations would set them; the built-in defaults when not given. */
export async function startInProcess(
  admin: KubeClients,
  account: BoundServiceAccount,
  controllerNamespace: string,
  options: { readonly allowedAnnotations?: readonly string[] } = {},
): Promise<RunningTestController> {
  const ns = await createNamespace(admin, 'htc');
  const stop = new AbortController();
  const identity = uniqueName('test');
  const controller = startHttpTriggerController({
    clients: await account.clients(FIELD_MANAGER),
    watchNamespace: ns,
    allowedAnnotations: options.allowedAnnotations,
    leaderElection: { namespace: controllerNamespace, name: uniqueName('http-trigger-controller'), identity },
    identity,
    signal: stop.signal,
    logger: silentLogger(),
    processMetrics: false,
  });
  return {
    ns,
    controller,
    stop: async () => {
      stop.abort();
      await controller.done;
      await admin.namespaces.delete(ns, { ignoreNotFound: true });
    },
  };
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
