/**
 * The four controllers under soak: started from their bundles, then given 1,000 Functions and
 * 100 triggers of each kind, then churned (updates, deletes and re-creates at a fixed pace)
 * until the window closes.
 */
import type { KubeClients } from '@kubeless-ts/k8s';
import { type Bundles, type ControllerApp, ControllerApps } from './bundles.js';
import {
  KAFKA_TOPICS,
  soakCronJobTrigger,
  soakFunction,
  soakHttpTrigger,
  soakKafkaTrigger,
} from './controller-objects.js';
import { pace, inParallel } from './pacing.js';
import { startSoakProcess, type SoakProcess } from './soak-process.js';

export interface ControllerSoakOptions {
  readonly kubeconfig: string;
  readonly brokers: readonly string[];
  /** Namespace of the Functions and triggers (and of kubeless-config, which scopes the function controller to it). */
  readonly namespace: string;
  readonly functions: number;
  readonly triggers: number;
}

export async function startControllers(
  bundles: Bundles,
  options: ControllerSoakOptions,
): Promise<Map<ControllerApp, SoakProcess>> {
  const started = new Map<ControllerApp, SoakProcess>();
  for (const app of ControllerApps) {
    const scoped = app === 'function-controller' ? [] : [`--watch-namespace=${options.namespace}`];
    started.set(
      app,
      await startSoakProcess({
        name: app,
        command: process.execPath,
        args: [
          bundles.controllers[app],
          '--leader-elect=false',
          '--health-port={port}',
          '--health-host=127.0.0.1',
          ...scoped,
        ],
        env: {
          KUBECONFIG: options.kubeconfig,
          KUBELESS_NAMESPACE: options.namespace,
          KAFKA_BROKERS: options.brokers.join(','),
          KUBELESS_LOG_LEVEL: 'warn',
        },
        readyPath: '/readyz',
      }),
    );
  }
  return started;
}

export async function createControllerObjects(clients: KubeClients, options: ControllerSoakOptions): Promise<void> {
  const { namespace } = options;
  await inParallel(options.functions, 8, (i) => clients.functions.create(soakFunction(namespace, i)));
  await inParallel(options.triggers, 8, async (i) => {
    await clients.httpTriggers.create(soakHttpTrigger(namespace, i));
    await clients.cronJobTriggers.create(soakCronJobTrigger(namespace, i));
    await clients.kafkaTriggers.create(soakKafkaTrigger(namespace, i));
  });
}

/** Resolves once every Function has its Deployment (or the time is up: the figures are taken anyway). */
export async function waitForChildren(
  clients: KubeClients,
  options: ControllerSoakOptions,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await clients.deployments.listAll({
      namespace: options.namespace,
      labelSelector: 'created-by=kubeless',
    });
    if (page.items.length >= options.functions || Date.now() > deadline) return page.items.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

export interface ChurnCounts {
  operations: number;
  failures: number;
}

/**
 * One change per tick, `perSecond` ticks a second, until `signal` aborts: nine of ten steps update a
 * Function's code, the tenth deletes it and creates it again; every fifth step also updates a trigger,
 * every fiftieth deletes and re-creates one trigger of each kind. A failed write (a conflict while a
 * deleted object is still going) is counted and the loop goes on.
 */
export async function churnControllerObjects(
  clients: KubeClients,
  options: ControllerSoakOptions,
  perSecond: number,
  signal: AbortSignal,
): Promise<ChurnCounts> {
  const { namespace } = options;
  const counts: ChurnCounts = { operations: 0, failures: 0 };
  const attempt = async (write: () => Promise<unknown>): Promise<void> => {
    counts.operations += 1;
    await write().catch(() => (counts.failures += 1));
  };
  await pace(perSecond, signal, async (step) => {
    const i = step % options.functions;
    const t = step % options.triggers;
    const revision = Math.floor(step / options.functions) + 1;
    if (step % 10 === 9) {
      await attempt(() => clients.functions.delete(`fn-${i}`, { namespace, ignoreNotFound: true }));
      await attempt(() => clients.functions.create(soakFunction(namespace, i, revision)));
    } else {
      await attempt(() => clients.functions.apply(soakFunction(namespace, i, revision), { force: true }));
    }
    if (step % 5 === 0)
      await attempt(() =>
        clients.httpTriggers.patch(
          `web-${t}`,
          { type: 'merge', patch: { spec: { path: `r${revision}` } } },
          { namespace },
        ),
      );
    if (step % 5 === 1)
      await attempt(() =>
        clients.cronJobTriggers.patch(
          `cron-${t}`,
          { type: 'merge', patch: { spec: { payload: { step } } } },
          { namespace },
        ),
      );
    if (step % 5 === 2)
      await attempt(() =>
        clients.kafkaTriggers.patch(
          `kafka-${t}`,
          { type: 'merge', patch: { spec: { topic: `${namespace}.k${(t + revision) % KAFKA_TOPICS}` } } },
          { namespace },
        ),
      );
    if (step % 50 === 49) {
      await attempt(() => clients.httpTriggers.delete(`web-${t}`, { namespace, ignoreNotFound: true }));
      await attempt(() => clients.cronJobTriggers.delete(`cron-${t}`, { namespace, ignoreNotFound: true }));
      await attempt(() => clients.kafkaTriggers.delete(`kafka-${t}`, { namespace, ignoreNotFound: true }));
      await attempt(() => clients.httpTriggers.create(soakHttpTrigger(namespace, t)));
      await attempt(() => clients.cronJobTriggers.create(soakCronJobTrigger(namespace, t)));
      await attempt(() => clients.kafkaTriggers.create(soakKafkaTrigger(namespace, t)));
    }
  });
  return counts;
}
