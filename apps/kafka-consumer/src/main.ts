// Process entry point: the kit's scaffolding around the consumer's own wiring.
import { controllerMain, createLogger, serveController } from '@kubeless-ts/controller-kit';
import { createKubeClients, readKubelessConfig } from '@kubeless-ts/k8s';
import { createKafkaClient, describeKafkaSettings, loadKafkaSettings } from '@kubeless-ts/kafka';
import { parseConsumerConfig } from './consumer-config.js';
import { CONSUMER_NAME, FIELD_MANAGER, startKafkaConsumer } from './kafka-consumer.js';

controllerMain(CONSUMER_NAME, async (signal) => {
  const config = parseConsumerConfig(process.argv.slice(2), process.env);
  // Bad KAFKA_* combinations (cert without key, SASL without password, missing file) stop here.
  const kafkaSettings = loadKafkaSettings({ env: process.env, clientId: 'kubeless-kafka-consumer' });
  const logger = createLogger({ name: CONSUMER_NAME, level: config.logLevel });
  logger.info(
    {
      kafka: describeKafkaSettings(kafkaSettings),
      partitionWindow: config.partitionWindow,
      triggerWindow: config.triggerWindow,
      shutdownGraceSeconds: config.shutdownGraceMs / 1000,
      maxBindings: config.maxBindings,
      urlTemplate: config.urlTemplate,
    },
    'starting',
  );
  // The stop is budgeted to end within the grace (see shutdownBudget); should leaving a group or the last
  // status write hang anyway, exit at the grace rather than be killed by the kubelet: committed offsets
  // never depend on a clean exit.
  signal.addEventListener('abort', () => {
    setTimeout(() => {
      logger.error(
        { graceSeconds: config.shutdownGraceMs / 1000 },
        'graceful stop did not finish within the grace; exiting',
      );
      process.exit(1);
    }, config.shutdownGraceMs).unref();
  });
  const kafka = createKafkaClient(kafkaSettings, {
    log: (level, message, fields) => logger[level]({ kafka: fields }, message),
  });
  const clients = await createKubeClients({ fieldManager: FIELD_MANAGER, kubeconfig: config.kubeconfig });
  // Read once, as the trigger controller does: the consumer re-checks its topic policy before joining a group (ADR 0023).
  const kubeless = await readKubelessConfig(clients.configMaps, {
    namespace: config.controllerNamespace,
    name: config.configName,
    signal,
  });
  logger.info({ allowedTopics: kubeless.kafkaTriggerAllowedTopics }, 'topic policy');
  const consumer = startKafkaConsumer({
    clients,
    kafka,
    settings: { ...config, allowedTopics: kubeless.kafkaTriggerAllowedTopics },
    signal,
    logger,
  });
  return serveController(consumer, { host: config.healthHost, port: config.healthPort, logger });
});
