// Process entry point of the Node.js runtime: reads the env contract, loads the
// function, listens on FUNC_PORT and drains in-flight calls on SIGTERM/SIGINT.
import { FunctionHost } from './function-host.js';
import { readRuntimeConfig } from './runtime-config.js';
import { createRuntimeLogger } from './runtime-logger.js';
import { buildServer } from './server.js';
import { defaultWorkerUrl } from './worker-location.js';

async function main(): Promise<void> {
  const { logger, accessLog, flushSync } = createRuntimeLogger({ level: process.env['LOG_LEVEL'] || 'info' });
  // Whatever ends the process, the lines of its last moments are written.
  process.once('exit', flushSync);
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
    flushSync();
    process.exit(1);
  }
  const app = buildServer({ config, invoker: host, logger, accessLog });
  await app.listen({ port: config.port, host: config.host });

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'in-flight calls did not finish in time');
      flushSync();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    void app
      .close()
      .then(() => host.stop())
      .then(() => flushSync())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
