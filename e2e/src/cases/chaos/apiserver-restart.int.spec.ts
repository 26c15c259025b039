// Chaos: the API server restarts in the middle of 1,000 Functions (and their triggers) being created and
// deleted. Every controller — function, HTTP trigger, CronJob trigger, run as the real bundles in their own
// processes — must converge afterwards: every surviving Function has its children, nothing of a deleted one
// is left, and no controller process died. Runs against a private control plane (it breaks its API server),
// with the kube-controller-manager for garbage collection; pods stay Pending, which this case does not need.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { aCronJobTrigger, aFunction, anHTTPTrigger } from '@kubeless-ts/api/testing';
import { defaultKubelessConfigData } from '@kubeless-ts/api';
import { installKubelessCrds } from '@kubeless-ts/controller-testing';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { eventually } from '@kubeless-ts/test-support';
import { startControlPlane, type ControlPlane } from '@kubeless-ts/testenv';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..', '..');
const COUNT = Number(process.env['CHAOS_FUNCTIONS'] ?? 1000);
/** Every tenth Function also gets an HTTPTrigger and a CronJobTrigger. */
const WITH_TRIGGERS = (i: number): boolean => i % 10 === 0;
/** How far behind the newest Function the deletions run. */
const WINDOW = 60;
/** Every Function is deleted again except the last WINDOW and one in ten of the others (survivors from before the restart). */
const DELETED = (i: number): boolean => i < COUNT - WINDOW && i % 10 !== 5;
const NS = 'churn';
const CONTROLLERS = ['function-controller', 'http-trigger-controller', 'cronjob-trigger-controller'] as const;

interface Controller {
  readonly app: string;
  readonly child: ChildProcess;
  readonly log: string;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

async function inParallel(count: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        // The API server goes away mid-run: each write is retried until it lands (or is already there).
        await eventually(() => work(i), { timeoutMs: 120_000, intervalMs: 250 });
      }
    }),
  );
}

function startController(app: string, kubeconfig: string, dataDir: string): Controller {
  const log = join(dataDir, `${app}.log`);
  const out = createWriteStream(log);
  const child = spawn(
    process.execPath,
    [
      join(workspaceRoot, 'dist', 'apps', app, 'main.mjs'),
      '--leader-elect=false',
      '--health-port=0',
      `--kubeconfig=${kubeconfig}`,
    ],
    {
      env: { PATH: process.env['PATH'] ?? '', KUBELESS_NAMESPACE: 'kubeless', KUBELESS_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const controller: Controller = { app, child, log };
  child.once('exit', (code, signal) => {
    controller.exit = { code, signal };
  });
  return controller;
}

/** Rejects as soon as any controller process exits: a crash fails the case at once instead of at the timeout. */
function anyExit(controllers: readonly Controller[]): Promise<never> {
  return new Promise((_, reject) => {
    for (const controller of controllers) {
      controller.child.once('exit', (code, signal) =>
        reject(
          new Error(
            `${controller.app} exited (code ${code}, signal ${signal}):\n${readFileSync(controller.log, 'utf8').slice(-2000)}`,
          ),
        ),
      );
    }
  });
}

async function names(list: Promise<{ items: { metadata?: { name?: string } }[] }>): Promise<Set<string>> {
  return new Set((await list).items.map((item) => item.metadata?.name ?? ''));
}

describe('an API server restart during 1,000 Function create/delete churn', () => {
  let plane: ControlPlane;
  let clients: KubeClients;
  const controllers: Controller[] = [];

  beforeAll(async () => {
    execFileSync(
      'npx',
      ['nx', 'run-many', '-t', 'build', `--projects=${CONTROLLERS.join(',')}`, '--outputStyle=static'],
      { cwd: workspaceRoot, stdio: 'ignore' },
    );
    plane = await startControlPlane({ scheduler: false });
    clients = await createKubeClients({ kubeconfig: plane.kubeconfigPath, fieldManager: 'chaos', env: {} });
    await installKubelessCrds(clients);
    for (const name of ['kubeless', NS]) await clients.namespaces.create({ metadata: { name } });
    await clients.configMaps.create({
      metadata: { name: 'kubeless-config', namespace: 'kubeless' },
      data: defaultKubelessConfigData({ imageRepository: 'registry.test/kubeless-ts', functionsNamespace: '' }),
    });
    for (const app of CONTROLLERS) controllers.push(startController(app, plane.kubeconfigPath, plane.dataDir));
  }, 600_000);

  // Controllers are plain child processes: make sure none outlives this worker, even on a failed run.
  const killAll = (): void => {
    for (const controller of controllers) if (controller.child.exitCode === null) controller.child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  afterAll(async () => {
    for (const controller of controllers) controller.child.kill('SIGTERM');
    await plane?.stop();
  }, 120_000);

  it('converges with no leaked children and no crashed controller', async () => {
    const crash = anyExit(controllers);
    crash.catch(() => undefined);
    const started = performance.now();
    let restarts = 0;
    const restartAt = Math.floor(COUNT * 0.4);
    let restarting: Promise<void> | undefined;
    // A sliding window of churn: Function i is created and Function i - WINDOW deleted (with its triggers), so
    // every Function is created and most are deleted again while the controllers work; the test cluster's
    // service range (a /24) holds the window's Services and the survivors'.
    await Promise.race([
      crash,
      inParallel(COUNT, 12, async (i) => {
        if (i === restartAt && restarting === undefined) {
          restarting = plane.restartApiServer().then(() => {
            restarts += 1;
          });
        }
        const name = `f-${i}`;
        if ((await clients.functions.find(name, { namespace: NS })) === undefined)
          await clients.functions.create(aFunction().named(name).inNamespace(NS).build());
        if (WITH_TRIGGERS(i)) {
          await clients.httpTriggers.apply(
            anHTTPTrigger().named(name).inNamespace(NS).forFunction(name).withHost(`${name}.example`).build(),
            { force: true },
          );
          await clients.cronJobTriggers.apply(
            aCronJobTrigger().named(name).inNamespace(NS).forFunction(name).withSchedule('@yearly').build(),
            { force: true },
          );
        }
        const old = i - WINDOW;
        if (old >= 0 && DELETED(old)) {
          const oldName = `f-${old}`;
          if (WITH_TRIGGERS(old)) {
            await clients.httpTriggers.delete(oldName, { namespace: NS, ignoreNotFound: true });
            await clients.cronJobTriggers.delete(oldName, { namespace: NS, ignoreNotFound: true });
          }
          await clients.functions.delete(oldName, { namespace: NS, ignoreNotFound: true });
        }
      }),
    ]);
    await restarting;
    const writesMs = performance.now() - started;

    const kept = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !DELETED(i));
    const expect_ = (what: string, have: Set<string>, want: (i: number) => boolean): void => {
      const missing = kept.filter((i) => want(i) && !have.has(`f-${i}`)).map((i) => `f-${i}`);
      const leaked = [...have].filter((name) => /^f-\d+$/.test(name) && DELETED(Number(name.slice(2))));
      expect({
        what,
        missing: missing.slice(0, 5),
        missingCount: missing.length,
        leaked: leaked.slice(0, 5),
        leakedCount: leaked.length,
      }).toEqual({ what, missing: [], missingCount: 0, leaked: [], leakedCount: 0 });
    };
    const converged = eventually(
      async () => {
        expect_('Deployments', await names(clients.deployments.listAll({ namespace: NS })), () => true);
        expect_('Services', await names(clients.services.listAll({ namespace: NS })), () => true);
        expect_('ConfigMaps', await names(clients.configMaps.listAll({ namespace: NS })), () => true);
        expect_('Ingresses', await names(clients.ingresses.listAll({ namespace: NS })), WITH_TRIGGERS);
        expect_('CronJobs', await names(clients.cronJobs.listAll({ namespace: NS })), WITH_TRIGGERS);
      },
      { timeoutMs: 480_000, intervalMs: 2_000 },
    );
    await Promise.race([converged, crash]);
    const convergedMs = performance.now() - started;
    const crashed = controllers.filter(
      (controller) => controller.exit !== undefined || controller.child.exitCode !== null,
    );
    const tails = crashed.map(
      (controller) =>
        `${controller.app} exited ${JSON.stringify(controller.exit)}:\n${readFileSync(controller.log, 'utf8').slice(-2000)}`,
    );
    expect(tails).toEqual([]);
    expect(restarts).toBe(1);
    process.stdout.write(
      `apiserver restart during churn: ${COUNT} Functions created (${COUNT / 10} with HTTP and CronJob triggers), ${COUNT - kept.length} deleted again, ` +
        `1 API server restart at Function ${restartAt}; writes done after ${(writesMs / 1000).toFixed(1)} s, ` +
        `every controller converged after ${(convergedMs / 1000).toFixed(1)} s; 0 leaked children, 0 crashed controllers\n`,
    );
  }, 900_000);
});
