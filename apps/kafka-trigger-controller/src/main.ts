// Process entry point: the kit's scaffolding around this controller's own wiring.
import { controllerIdentity, controllerMain, createLogger, serveController } from '@kubeless-ts/controller-kit';
import { createKubeClients, readKubelessConfig } from '@kubeless-ts/k8s';
import { createKafkaClient, describeKafkaSettings, loadKafkaSettings, TopicAdmin } from '@kubeless-ts/kafka';
import { CONTROLLER_NAME, FIELD_MANAGER, startKafkaTriggerController } from './kafka-trigger-controller.js';
import { parseSettings } from './settings.js';
import { CachedTopicChecker } from './topic-checker.js';

controllerMain(CONTROLLER_NAME, async (signal) => {
  const settings = parseSettings(process.argv.slice(2), process.env);
  const logger = createLogger({ name: CONTROLLER_NAME, level: settings.logLevel });
  const kafka = loadKafkaSettings({ env: process.env, clientId: 'kubeless-kafka-trigger-controller' });
  logger.info({ kafka: describeKafkaSettings(kafka) }, 'starting');
  const admin = new TopicAdmin(
    createKafkaClient(kafka, {
      retries: 1,
      log: (level, message, fields) => logger[level]({ kafka: fields }, message),
    }),
    { brokers: kafka.brokers },
  );
  try {
    const clients = await createKubeClients({ fieldManager: FIELD_MANAGER, kubeconfig: settings.kubeconfig });
    // Read once: a policy change applies when the controller restarts (ADR 0023).
    const config = await readKubelessConfig(clients.configMaps, {
      namespace: settings.controllerNamespace,
      name: settings.configName,
      signal,
    });
    logger.info({ allowedTopics: config.kafkaTriggerAllowedTopics }, 'topic policy');
    const controller = startKafkaTriggerController({
      allowedTopics: config.kafkaTriggerAllowedTopics,
      clients,
      topics: new CachedTopicChecker(admin),
      signal,
      logger,
      topicRecheckMs: settings.topicRecheckMs,
      workers: settings.workers,
      ...(settings.watchNamespace === undefined ? {} : { namespace: settings.watchNamespace }),
      ...(settings.leaderElect
        ? {
            leaderElection: {
              store: clients.leaseStore({ namespace: settings.controllerNamespace, name: CONTROLLER_NAME }),
              identity: controllerIdentity(process.env),
            },
          }
        : {}),
    });
    return await serveController(controller, { host: settings.healthHost, port: settings.healthPort, logger });
  } finally {
    await admin.close();
  }
});
