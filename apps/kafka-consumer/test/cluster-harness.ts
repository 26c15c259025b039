// Test helpers against the shared real apiserver, from @kubeless-ts/controller-testing:
// CRDs, namespaces, and clients whose ServiceAccount token is bound to exactly an app's rbac/rules.yaml.
import { adminClients as admin } from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import type { ConsumerSettings } from '../src/index.js';

export {
  clientsBoundTo,
  createNamespace,
  deleteClusterScoped,
  deleteNamespace,
  eventuallyValue as eventually,
  installKubelessCrds,
} from '@kubeless-ts/controller-testing';

export function adminClients(fieldManager = 'kafka-consumer-test'): Promise<KubeClients> {
  return admin(fieldManager);
}

/**
 * The consumer settings every in-process spec runs with: short timeouts and a 1 s status interval so a
 * spec sees effects quickly, narrow windows, any topic allowed. A spec names only what it tests.
 */
export function testConsumerSettings(namespace: string, overrides: Partial<ConsumerSettings> = {}): ConsumerSettings {
  return {
    watchNamespace: namespace,
    urlTemplate: 'http://127.0.0.1:{port}/{function}',
    partitionWindow: 4,
    triggerWindow: 64,
    invokeTimeoutMs: 5_000,
    sessionTimeoutMs: 6_000,
    partitionsConcurrently: 8,
    statusIntervalMs: 1_000,
    shutdownGraceMs: 5_000,
    maxBindings: 100,
    allowedTopics: ['*'],
    ...overrides,
  };
}
