// Process entry point: the kit's scaffolding around this controller's own wiring.
import { controllerIdentity, controllerMain, createLogger, serveController } from '@kubeless-ts/controller-kit';
import { createLightKubeClients } from '@kubeless-ts/k8s';
import { FIELD_MANAGER } from './child-metadata.js';
import { CONTROLLER_NAME, startFunctionController } from './function-controller.js';
import { readSettings } from './settings.js';

controllerMain(CONTROLLER_NAME, async (signal) => {
  const settings = readSettings(process.argv.slice(2), process.env);
  const logger = createLogger({ name: CONTROLLER_NAME, level: settings.logLevel });
  // client-node (and its tens of MB of generated models) loads only when the kubeconfig needs a plugin or in-cluster credentials.
  const clients = await createLightKubeClients({ kubeconfig: settings.kubeconfig, fieldManager: FIELD_MANAGER });
  const identity = controllerIdentity(process.env);
  logger.info({ identity, leaderElect: settings.leaderElect }, 'starting');
  const controller = await startFunctionController({
    clients,
    signal,
    kubelessNamespace: settings.controllerNamespace,
    configName: settings.configName,
    identity,
    runtimeImageOverrides: settings.runtimeImageOverrides,
    leaderElection: settings.leaderElect,
    workers: settings.workers,
    logger,
  });
  return serveController(controller, { host: settings.healthHost, port: settings.healthPort, logger });
});
