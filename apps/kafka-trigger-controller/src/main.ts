import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createLogger } from '@kubeless-ts/controller-kit';
import { isKubelessError } from '@kubeless-ts/errors';
import { createKubeClients, readKubelessConfig } from '@kubeless-ts/k8s';
import { createKafkaClient, describeKafkaSettings, loadKafkaSettings, TopicAdmin } from '@kubeless-ts/kafka';
import { parseControllerFlags } from './controller-flags.js';
import { CONTROLLER_NAME, FIELD_MANAGER, startKafkaTriggerController } from './kafka-trigger-controller.js';
import { CachedTopicChecker } from './topic-checker.js';

async function main(): Promise<number> {
  const flags = parseControllerFlags(process.argv.slice(2), process.env);
  const logger = createLogger({ name: CONTROLLER_NAME, level: flags.logLevel });
  const settings = loadKafkaSettings({ env: process.env, clientId: 'kubeless-kafka-trigger-controller' });
  logger.info({ kafka: describeKafkaSettings(settings) }, 'starting');
  const admin = new TopicAdmin(createKafkaClient(settings, { retries: 1, log: (level, message, fields) => logger[level]({ kafka: fields }, message) }), { brokers: settings.brokers });
  const clients = await createKubeClients({ fieldManager: FIELD_MANAGER, ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }) });
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  // Read once: a policy change applies when the controller restarts (ADR 0023).
  const config = await readKubelessConfig(clients.configMaps, { namespace: flags.leaseNamespace, name: flags.configName, signal: stop.signal });
  logger.info({ allowedTopics: config.kafkaTriggerAllowedTopics }, 'topic policy');
  const controller = startKafkaTriggerController({
    allowedTopics: config.kafkaTriggerAllowedTopics,
    clients,
    topics: new CachedTopicChecker(admin),
    signal: stop.signal,
    logger,
    topicRecheckMs: flags.topicRecheckMs,
    ...(flags.watchNamespace === undefined ? {} : { namespace: flags.watchNamespace }),
    ...(flags.leaderElect ? { leaderElection: { store: clients.leaseStore({ namespace: flags.leaseNamespace, name: CONTROLLER_NAME }), identity: `${hostname()}-${randomUUID()}` } } : {}),
  });
  await controller.app.listen({ host: '0.0.0.0', port: flags.healthPort });
  const exit = await controller.done;
  await controller.app.close();
  await admin.close();
  return exit === 'leadership-lost' ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const line = isKubelessError(error) ? { level: 'fatal', code: error.code, msg: error.message, hint: error.hint } : { level: 'fatal', msg: String(error) };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exitCode = 1;
  },
);
