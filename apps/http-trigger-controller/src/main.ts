// Process entry point: reads flags and environment, starts the controller, listens, exits.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createLogger } from '@kubeless-ts/controller-kit';
import { KubelessError } from '@kubeless-ts/errors';
import { createKubeClients, readKubelessConfig } from '@kubeless-ts/k8s';
import { CONTROLLER_NAME, FIELD_MANAGER, startHttpTriggerController } from './http-trigger-controller.js';
import { parseSettings } from './settings.js';

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2), process.env);
  const logger = createLogger({ name: CONTROLLER_NAME, level: settings.logLevel });
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  const clients = await createKubeClients({ kubeconfig: settings.kubeconfig, fieldManager: FIELD_MANAGER });
  const config = await readKubelessConfig(clients.configMaps, { namespace: settings.controllerNamespace, name: settings.configName, signal: stop.signal });
  const identity = `${hostname()}-${randomUUID().slice(0, 8)}`;
  const watchNamespace = config.functionsNamespace === '' ? undefined : config.functionsNamespace;
  logger.info({ watchNamespace: watchNamespace ?? '(all)', leaderElect: settings.leaderElect, identity }, 'starting');
  const controller = startHttpTriggerController({
    clients,
    watchNamespace,
    allowedAnnotations: config.httpTriggerAllowedAnnotations,
    leaderElection: settings.leaderElect ? { namespace: settings.controllerNamespace, name: CONTROLLER_NAME, identity } : undefined,
    identity,
    workers: settings.workers,
    signal: stop.signal,
    logger,
  });
  const address = await controller.app.listen({ host: settings.healthHost, port: settings.healthPort });
  logger.info({ address }, 'health and metrics listening');
  const exit = await controller.done;
  await controller.app.close();
  return exit === 'leadership-lost' ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const text = error instanceof KubelessError ? `${error.code}: ${error.message}\n${error.hint}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${CONTROLLER_NAME}: ${text}\n`);
    process.exitCode = 2;
  },
);
