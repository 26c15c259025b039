import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createLogger } from '@kubeless-ts/controller-kit';
import { isKubelessError } from '@kubeless-ts/errors';
import { createLightKubeClients } from '@kubeless-ts/k8s';
import { FIELD_MANAGER } from './child-metadata.js';
import { CONTROLLER_NAME, startFunctionController } from './function-controller.js';
import { readSettings } from './settings.js';

async function main(): Promise<number> {
  const settings = readSettings(process.argv.slice(2), process.env);
  const logger = createLogger({ name: CONTROLLER_NAME, level: settings.logLevel });
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  // client-node (and its tens of MB of generated models) loads only when the kubeconfig needs a plugin or in-cluster credentials.
  const clients = await createLightKubeClients({ kubeconfig: settings.kubeconfig, fieldManager: FIELD_MANAGER });
  const identity = `${process.env['POD_NAME'] || hostname()}-${randomUUID().slice(0, 8)}`;
  const controller = await startFunctionController({
    clients,
    signal: stop.signal,
    kubelessNamespace: settings.kubelessNamespace,
    configName: settings.configName,
    identity,
    runtimeImageOverrides: settings.runtimeImageOverrides,
    leaderElection: settings.leaderElect,
    workers: settings.workers,
    logger,
  });
  const address = await controller.app.listen({ host: '0.0.0.0', port: settings.healthPort });
  logger.info({ address, identity, leaderElect: settings.leaderElect }, 'health and metrics listening');
  const exit = await controller.done;
  await controller.app.close();
  return exit === 'leadership-lost' ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail = isKubelessError(error) ? { code: error.code, message: error.message, hint: error.hint } : { message: String(error) };
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'function-controller failed to start', ...detail })}\n`);
    process.exitCode = 2;
  },
);
