import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isKubelessError } from '@kubeless-ts/errors';
import { HelpRequested } from './controller-settings.js';
import type { Logger } from './logger.js';
import type { ControllerExit } from './run-controller.js';

/** The health/metrics server and the end of a started controller, as `runController` and the consumer return them. */
export interface ServableController {
  readonly app: { listen(options: { host: string; port: number }): Promise<string>; close(): Promise<unknown> };
  readonly done: Promise<ControllerExit | void>;
}

/** Exit codes shared by every controller process. */
export const ProcessExitCodes = { OK: 0, LEADERSHIP_LOST: 1, STARTUP_FAILED: 2 } as const;

/** A unique Lease holder identity: the pod name where the Downward API gives it, else the host name. */
export function controllerIdentity(env: Readonly<Record<string, string | undefined>>): string {
  return `${env['POD_NAME'] || hostname()}-${randomUUID().slice(0, 8)}`;
}

/** Listens, waits for the controller to end, closes; a lost leadership exits non-zero so the pod restarts as a candidate. */
export async function serveController(
  controller: ServableController,
  options: { readonly host: string; readonly port: number; readonly logger: Logger },
): Promise<number> {
  const address = await controller.app.listen({ host: options.host, port: options.port });
  options.logger.info({ address }, 'health and metrics listening');
  const exit = await controller.done;
  await controller.app.close();
  return exit === 'leadership-lost' ? ProcessExitCodes.LEADERSHIP_LOST : ProcessExitCodes.OK;
}

/**
 * The one process entry point: SIGTERM/SIGINT abort the signal handed to `run`, `--help` prints the usage,
 * a failure to start prints one JSON line (code, message and hint for a KubelessError, never a stack trace
 * for a user mistake), and only this function sets the exit code.
 */
export function controllerMain(name: string, run: (signal: AbortSignal) => Promise<number>): void {
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  run(stop.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof HelpRequested) {
        process.stdout.write(`${error.usage}\n`);
        process.exitCode = ProcessExitCodes.OK;
        return;
      }
      const detail = isKubelessError(error)
        ? { code: error.code, msg: error.message, hint: error.hint }
        : { msg: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      process.stderr.write(`${JSON.stringify({ level: 'fatal', name, ...detail })}\n`);
      process.exitCode = ProcessExitCodes.STARTUP_FAILED;
    },
  );
}
