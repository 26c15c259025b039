/**
 * For specs that run a reconciler against the real API server with caches they fix themselves (a stale
 * informer on purpose): the controller's own clients as its ServiceAccount, a namespace, reconcile contexts.
 */
import type { OwnerEvents, ReconcileContext } from '@kubeless-ts/controller-kit';
import type { KubeClients } from '@kubeless-ts/k8s';
import type { ControllerApp } from './controller-app.js';
import { useControllerCluster } from './controller-cluster.js';
import { reconcileContext } from '@kubeless-ts/controller-kit/testing';

export interface StaleCacheFixture {
  readonly admin: KubeClients;
  /** As the controller: its ServiceAccount and field manager. */
  readonly controller: KubeClients;
  /** `<prefix>-stale-…`, made for the spec. */
  readonly ns: string;
  /** Warning Events as the controller records them. */
  readonly events: OwnerEvents;
  context(name: string): ReconcileContext;
}

/** `prefix` names the namespaces made; `fieldManager` is the controller's. */
export function useStaleCacheFixture(
  app: ControllerApp,
  options: { readonly prefix: string; readonly fieldManager: string },
): StaleCacheFixture {
  const cluster = useControllerCluster(app, { admin: `${app.name}-stale-cache-int`, prefix: options.prefix });
  let clients: { controller: KubeClients; ns: string } | undefined;
  beforeAll(async () => {
    clients = {
      controller: await cluster.account.clients(options.fieldManager),
      ns: await cluster.namespace(`${options.prefix}-stale`),
    };
  });
  const ready = () => {
    if (clients === undefined) throw new Error('the stale-cache fixture is set up in beforeAll; use it in a test');
    return clients;
  };
  return {
    get admin() {
      return cluster.admin;
    },
    get controller() {
      return ready().controller;
    },
    get ns() {
      return ready().ns;
    },
    get events() {
      return ready().controller.eventRecorder({
        reportingController: `kubeless.io/${app.name}`,
        reportingInstance: 'stale-test',
      });
    },
    context: (name) => reconcileContext(ready().ns, name, 'stale'),
  };
}
