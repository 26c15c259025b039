/**
 * Memory soak (issue 16): every controller, the Kafka consumer and the Node.js and Python runtimes
 * under load at once for one window, on a private control plane and broker, with the RSS of each
 * sampled throughout. Prints a table (and rewrites the Memory section of docs/benchmarks.md when
 * BENCH_WRITE_DOCS=1); never asserts. Stops by itself and removes everything it started.
 *   npx nx run soak:soak                  (SOAK_SECONDS=600 by default; see soak-settings.ts)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crdManifest, defaultKubelessConfigData, KUBELESS_KINDS } from '@kubeless-ts/api';
import { createKubeClients, type CustomResourceDefinition, type KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane, startKafka } from '@kubeless-ts/testenv';
import { buildBundles, ControllerApps } from './bundles.js';
import {
  createBindings,
  produceLoad,
  startConsumer,
  waitForDeliveries,
  type ConsumerSoakOptions,
} from './consumer-soak.js';
import {
  churnControllerObjects,
  createControllerObjects,
  startControllers,
  waitForChildren,
  type ControllerSoakOptions,
} from './controllers-soak.js';
import { heapTrend, memoryTrend, Verdicts } from './memory-trend.js';
import { startNoopFunction } from './noop-function.js';
import { sleep } from './pacing.js';
import { RssRecorder } from './rss-recorder.js';
import { driveLoad, RuntimeNames, startRuntimes } from './runtimes-soak.js';
import { machine, writeDocsSection } from '@kubeless-ts/bench-kit';
import { consoleTable, markdownSection, type ProcessReport } from './soak-report.js';
import type { SoakProcess } from './soak-process.js';
import { readSoakSettings } from './soak-settings.js';

const progress = (line: string): void => void process.stderr.write(`[soak] ${line}\n`);

/** Undo steps, run last-first whatever happened before. */
class Cleanup {
  private readonly steps: Array<() => Promise<unknown> | void> = [];

  add(step: () => Promise<unknown> | void): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) {
      try {
        await step();
      } catch (error: unknown) {
        progress(`cleanup step failed: ${String(error)}`);
      }
    }
  }
}

/** Starts the pieces together; whatever started is registered for cleanup even when another failed. */
async function allStarted<T extends readonly unknown[]>(
  cleanup: Cleanup,
  starts: { [K in keyof T]: Promise<T[K]> },
  stopOf: (value: unknown) => (() => Promise<unknown>) | undefined,
): Promise<T> {
  const settled = await Promise.allSettled(starts);
  for (const result of settled) {
    const stop = result.status === 'fulfilled' ? stopOf(result.value) : undefined;
    if (stop) cleanup.add(stop);
  }
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function prepareCluster(
  clients: KubeClients,
  namespaces: readonly string[],
  functionsNamespace: string,
): Promise<void> {
  await clients.installCrds(KUBELESS_KINDS.map((kind) => crdManifest(kind) as unknown as CustomResourceDefinition));
  for (const namespace of namespaces) {
    await clients.namespaces.create({ metadata: { name: namespace } });
    // Each process reads kubeless-config from its own KUBELESS_NAMESPACE; the function controller's is scoped to the soak's Functions.
    await clients.configMaps.create({
      metadata: { name: 'kubeless-config', namespace },
      data: defaultKubelessConfigData({ functionsNamespace }),
    });
  }
}

async function main(): Promise<void> {
  const settings = readSoakSettings(process.env);
  const interrupted = new AbortController();
  const onSignal = (): void => interrupted.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const work = mkdtempSync(join(tmpdir(), 'kubeless-soak-'));
  const cleanup = new Cleanup();
  cleanup.add(() => rmSync(work, { recursive: true, force: true }));
  try {
    const before = machine();
    progress(`window ${settings.seconds} s; building bundles, starting a private control plane and broker`);
    const [bundles, controlPlane, kafka] = await allStarted(
      cleanup,
      [
        buildBundles(join(work, 'bundles')),
        startControlPlane({ scheduler: false, dataDir: join(work, 'control-plane') }),
        startKafka({ dataDir: join(work, 'kafka') }),
      ] as const,
      (value) =>
        typeof value === 'object' && value !== null && 'stop' in value && typeof value.stop === 'function'
          ? () => (value.stop as () => Promise<unknown>)()
          : undefined,
    );
    const kubeconfig = controlPlane.kubeconfigPath;
    const brokers = kafka.brokers;
    const clients = await createKubeClients({ kubeconfig, fieldManager: 'soak', env: {} });
    const controllerOptions: ControllerSoakOptions = {
      kubeconfig,
      brokers,
      namespace: 'soak-controllers',
      functions: settings.functions,
      triggers: settings.triggers,
    };
    await prepareCluster(clients, ['soak-controllers', 'soak-consumer'], controllerOptions.namespace);
    const fn = await startNoopFunction();
    cleanup.add(() => fn.close());
    const consumerOptions: ConsumerSoakOptions = {
      kubeconfig,
      brokers,
      namespace: 'soak-consumer',
      bindings: settings.bindings,
      fn,
    };

    progress('starting the controllers, the consumer and the runtimes');
    const processes: SoakProcess[] = [];
    const watch = (started: SoakProcess): SoakProcess => {
      processes.push(started);
      cleanup.add(() => started.stop());
      return started;
    };
    const controllers = await startControllers(bundles, controllerOptions);
    for (const app of ControllerApps) {
      const started = controllers.get(app);
      if (started) watch(started);
    }
    watch(await startConsumer(bundles.consumer, consumerOptions));
    const runtimeDir = join(work, 'functions');
    mkdirSync(runtimeDir);
    const runtimes = (await startRuntimes(bundles.nodeRuntime, runtimeDir)).map(watch);
    const recorder = new RssRecorder(processes.map((p) => ({ name: p.name, pid: p.pid, port: p.port })));
    await sleep(settings.warmupSeconds * 1000, interrupted.signal);
    recorder.recordIdle();

    progress(
      `creating ${settings.functions} Functions, ${settings.triggers} triggers of each kind and ${settings.bindings} bindings`,
    );
    await Promise.all([createControllerObjects(clients, controllerOptions), createBindings(clients, consumerOptions)]);
    const [children, delivering] = await Promise.all([
      waitForChildren(clients, controllerOptions, 300_000),
      waitForDeliveries(consumerOptions, 180_000),
    ]);
    progress(`${children} Deployments created; ${delivering} of ${settings.bindings} bindings delivering`);

    const loadSeconds = settings.warmupSeconds + settings.seconds;
    const window = new AbortController();
    const stopWindow = (): void => window.abort();
    interrupted.signal.addEventListener('abort', stopWindow, { once: true });
    const churn = churnControllerObjects(clients, controllerOptions, settings.churnPerSecond, window.signal);
    const produced = produceLoad(consumerOptions, settings.messagesPerSecond, window.signal);
    const served = runtimes.map((runtime) =>
      driveLoad(
        runtime.port,
        { seconds: loadSeconds, rate: settings.requestsPerSecond, connections: settings.connections },
        interrupted.signal,
      ),
    );
    await sleep(settings.warmupSeconds * 1000, interrupted.signal);
    progress(`window open for ${settings.seconds} s, sampling every ${settings.sampleSeconds} s`);
    recorder.open(settings.sampleSeconds);
    await sleep(settings.seconds * 1000, interrupted.signal);
    await recorder.close();
    window.abort();
    const [churned, messages, ...requests] = await Promise.all([churn, produced, ...served]);
    const after = machine();

    const loads: Record<string, string> = {
      [RuntimeNames.node]: `hello, autocannon ${settings.connections} connections at ${settings.requestsPerSecond} req/s`,
      [RuntimeNames.python]: `hello, autocannon ${settings.connections} connections at ${settings.requestsPerSecond} req/s`,
      'kafka-consumer': `${settings.bindings} bindings, ${settings.messagesPerSecond} msg/s to a no-op function`,
    };
    const controllerLoad = `${settings.functions.toLocaleString('en-US')} Functions + ${settings.triggers} triggers of each kind, churn ${settings.churnPerSecond}/s`;
    const reports: ProcessReport[] = processes.map((p) => ({
      name: p.name,
      load: loads[p.name] ?? controllerLoad,
      trend: memoryTrend(recorder.idleOf(p.name), recorder.rssOf(p.name), settings.seconds),
      series: recorder.rssOf(p.name),
      heap: heapTrend(recorder.heapOf(p.name), settings.seconds),
    }));
    const exited = processes.filter((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    const notes = [
      `Controllers: ${children} of ${settings.functions} Deployments existed when the window opened; churn made ${churned.operations.toLocaleString('en-US')} writes, ${churned.failures} of them failed.`,
      `Consumer: ${delivering} of ${settings.bindings} bindings delivering before the window; ${messages.messages.toLocaleString('en-US')} messages produced (${messages.failures} failed publishes), ${fn.calls().toLocaleString('en-US')} calls received by the no-op function.`,
      ...runtimes.map(
        (runtime, i) =>
          `${runtime.name}: ${requests[i]?.requests.toLocaleString('en-US') ?? 0} requests, ${Math.round(requests[i]?.rps ?? 0)} req/s, ${requests[i]?.errors ?? 0} errors/non-2xx.`,
      ),
      ...reports
        .filter((r) => r.trend.climbing && r.trend.verdict === Verdicts.bounded)
        .map(
          (r) =>
            `${r.name}: its last-half slope is over the threshold, but it set no new high (peak ${r.trend.halfPeaks.first.toFixed(0)} MiB in the first half, ${r.trend.halfPeaks.last.toFixed(0)} MiB in the last): bounded by the rule.`,
        ),
      ...(exited.length > 0
        ? [`Exited during the soak (figures after that are 0): ${exited.map((p) => p.name).join(', ')}.`]
        : []),
    ];
    console.log(consoleTable(reports));
    for (const note of notes) console.log(note);
    if (settings.writeDocs) {
      writeDocsSection(
        'memory-soak',
        markdownSection(reports, {
          before,
          after,
          seconds: settings.seconds,
          sampleSeconds: settings.sampleSeconds,
          notes,
        }),
      );
    }
  } finally {
    progress('stopping everything');
    await cleanup.run();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

await main();
