// Process entry point: the kit's scaffolding around this controller's own wiring.
import { controllerIdentity, controllerMain, createLogger, serveController } from '@kubeless-ts/controller-kit';
import { createKubeClients, readKubelessConfig } from '@kubeless-ts/k8s';
import { CONTROLLER_NAME, FIELD_MANAGER, startCronJobTriggerController } from './cronjob-trigger-controller.js';
import { parseSettings } from './settings.js';

controllerMain(CONTROLLER_NAME, async (signal) => {
  const settings = parseSettings(process.argv.slice(2), process.env);
  const logger = createLogger({ name: CONTROLLER_NAME, level: settings.logLevel });
  const clients = await createKubeClients({ kubeconfig: settings.kubeconfig, fieldManager: FIELD_MANAGER });
  // Read once: a changed provision-image or functions-namespace takes effect on restart, as in Kubeless.
  const config = await readKubelessConfig(clients.configMaps, {
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
      functionUrlTemplate: settings.functionUrlTemplate,
    },
    'starting',
  );
  const controller = startCronJobTriggerController({
    clients,
    config: {
      provisionImage: config.provisionImage,
      provisionImageSecret: config.provisionImageSecret,
      functionUrlTemplate: settings.functionUrlTemplate,
    },
    watchNamespace,
    leaderElection: settings.leaderElect
      ? { namespace: settings.controllerNamespace, name: CONTROLLER_NAME, identity }
      : undefined,
    identity,
    workers: settings.workers,
    signal,
    logger,
  });
  return serveController(controller, { host: settings.healthHost, port: settings.healthPort, logger });
});
