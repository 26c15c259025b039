// Process entry point of the Node.js runtime: reads the env contract, loads the
// function, listens on FUNC_PORT and drains in-flight calls on SIGTERM/SIGINT.
import { destination as logDestination, pino } from 'pino';
import { FunctionHost } from './function-host.js';
import { readRuntimeConfig } from './runtime-config.js';
import { buildServer } from './server.js';
import { defaultWorkerUrl } from './worker-location.js';

async function main(): Promise<void> {
  // Buffered: a synchronous write per access-log line was a visible share of a small call's cost.
  const destination = logDestination({ dest: 1, sync: false });
  const logger = pino({ level: process.env['LOG_LEVEL'] || 'info', base: { runtime: 'nodejs' } }, destination);
  const config = readRuntimeConfig(process.env);
  const host = new FunctionHost({
    workerUrl: defaultWorkerUrl(import.meta.url),
    settings: { installVolume: config.installVolume, moduleName: config.moduleName, handlerName: config.handlerName },
    timeoutMs: config.timeoutSeconds * 1000,
    logger,
  });
  try {
    await host.start();
  } catch (error) {
    logger.fatal({ err: error }, 'cannot load the function');
    await host.stop();
    destination.flushSync();
    process.exit(1);
  }
  const app = buildServer({ config, invoker: host, logger });
  await app.listen({ port: config.port, host: config.host });

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'in-flight calls did not finish in time');
      destination.flushSync();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    void app
      .close()
      .then(() => host.stop())
      .then(() => destination.flushSync())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
