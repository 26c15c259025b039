import { controllerIdentity, controllerMain, serveController, type ServableController } from './controller-main.js';
import type { ControllerSettings } from './controller-settings.js';
import { createLogger } from './logger.js';
import type { TriggerControllerOptions } from './trigger-controller.js';

/** What a trigger controller reads from kubeless-config in every case: the namespace it serves. */
export interface KubelessConfigScope {
  /** `functions-namespace`; empty for all namespaces. */
  readonly functionsNamespace: string;
}

/** A trigger controller as its process starts it: its settings, and its start from the options and config. */
export interface TriggerControllerDefinition<K, C extends KubelessConfigScope, S extends ControllerSettings> {
  /** Process, Lease and log name. */
  readonly name: string;
  /** The server-side apply field manager its clients write with. */
  readonly fieldManager: string;
  readonly parseSettings: (argv: readonly string[], env: Readonly<Record<string, string | undefined>>) => S;
  /** Its own settings worth a line in the "starting" log. */
  readonly describe?: (settings: S) => Readonly<Record<string, unknown>>;
  readonly start: (
    options: TriggerControllerOptions<K>,
    context: { readonly settings: S; readonly config: C },
  ) => ServableController;
}

/** How the process reaches the cluster: libs/k8s's `createKubeClients` and `readKubelessConfig`. */
export interface KubeConnection<K extends { readonly configMaps: M }, M, C> {
  createKubeClients(options: { readonly kubeconfig: string | undefined; readonly fieldManager: string }): Promise<K>;
  readKubelessConfig(
    configMaps: M,
    location: { readonly namespace: string; readonly name: string; readonly signal: AbortSignal },
  ): Promise<C>;
}

/**
 * The process of a trigger controller configured by kubeless-config: settings from flags and environment,
 * clients, the ConfigMap read once (a changed value takes effect on restart, as in Kubeless), the watch scope
 * (`--watch-namespace`, else `functions-namespace`), leader election on a Lease named after the controller,
 * then the controller served until it stops. `main.ts` is one call:
 *
 * @example
 * triggerControllerMain(httpTriggerController, { createKubeClients, readKubelessConfig });
 */
export function triggerControllerMain<
  K extends { readonly configMaps: M },
  M,
  C extends KubelessConfigScope,
  S extends ControllerSettings,
>(definition: TriggerControllerDefinition<K, C, S>, kube: KubeConnection<K, M, C>): void {
  const { name } = definition;
  controllerMain(name, async (signal) => {
    const settings = definition.parseSettings(process.argv.slice(2), process.env);
    const logger = createLogger({ name, level: settings.logLevel });
    const clients = await kube.createKubeClients({
      kubeconfig: settings.kubeconfig,
      fieldManager: definition.fieldManager,
    });
    const config = await kube.readKubelessConfig(clients.configMaps, {
      namespace: settings.controllerNamespace,
      name: settings.configName,
      signal,
    });
    const identity = controllerIdentity(process.env);
    const watchNamespace =
      settings.watchNamespace ?? (config.functionsNamespace === '' ? undefined : config.functionsNamespace);
    logger.info(
      {
        watchNamespace: watchNamespace ?? '(all)',
        leaderElect: settings.leaderElect,
        identity,
        ...definition.describe?.(settings),
      },
      'starting',
    );
    const leaderElection = settings.leaderElect
      ? { namespace: settings.controllerNamespace, name, identity }
      : undefined;
    const controller = definition.start(
      { clients, watchNamespace, leaderElection, identity, workers: settings.workers, signal, logger },
      { settings, config },
    );
    return serveController(controller, { host: settings.healthHost, port: settings.healthPort, logger });
  });
}
