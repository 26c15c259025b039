import type { ConfigMap, KubeClients } from '@kubeless-ts/k8s';
import type { LeaseStore } from './ports.js';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { HangingLeaseStore } from '../test/hanging-lease-store.js';
import { eventually } from '@kubeless-ts/test-support';
import { aConfigMap, clientsFor, createNamespace, type TestNamespace } from '../test/cluster-fixture.js';
import { enqueueHandler } from './enqueue-handler.js';
import { Informer } from './informer.js';
import { silentLogger } from './logger.js';
import { runController, type RunningController } from './run-controller.js';

interface Replica {
  readonly running: RunningController;
  readonly reconciled: string[];
  stop(): void;
}

describe('leader election on a real Lease', () => {
  let clients: KubeClients;
  let ns: TestNamespace;

  beforeAll(async () => {
    clients = await clientsFor(sharedEnvironment().kubeconfigPath);
    ns = await createNamespace(clients, 'lease');
  });

  afterAll(async () => {
    await ns?.remove();
  });

  function replica(
    identity: string,
    options: { readonly lease?: string; readonly wrap?: (store: LeaseStore) => LeaseStore } = {},
  ): Replica {
    const lease = options.lease ?? 'handover';
    const wrap = options.wrap ?? ((store: LeaseStore) => store);
    const stop = new AbortController();
    const informer = new Informer<ConfigMap>({
      name: 'configmaps',
      listWatch: clients.listWatch(clients.configMaps, { namespace: ns.name, labelSelector: 'app=handover' }),
    });
    const reconciled: string[] = [];
    const running = runController({
      name: 'handover',
      informers: [informer],
      watches: [(enqueue) => informer.addEventHandler(enqueueHandler(enqueue))],
      reconciler: { reconcile: async (key) => void reconciled.push(key) },
      // Short timings keep the test quick; the ratios are client-go's.
      leaderElection: {
        store: wrap(clients.leaseStore({ namespace: ns.name, name: lease })),
        identity,
        leaseDurationMs: 3000,
        renewDeadlineMs: 2000,
        retryPeriodMs: 400,
      },
      signal: stop.signal,
      logger: silentLogger(),
      processMetrics: false,
    });
    return { running, reconciled, stop: () => stop.abort() };
  }

  const labelled = (name: string): ConfigMap => ({
    ...aConfigMap(ns.name, name),
    metadata: { namespace: ns.name, name, labels: { app: 'handover' } },
  });
  const holder = async (): Promise<string | undefined> =>
    (await clients.leases.get('handover', { namespace: ns.name })).spec?.holderIdentity;

  it('lets one replica reconcile and hands over when it stops', async () => {
    const first = replica('first');
    await eventually(() => expect(first.running.ready()).toBe(true));
    expect(await holder()).toBe('first');
    const second = replica('second');
    try {
      await eventually(() => expect(second.running.ready()).toBe(true));
      const standby = await second.running.app.inject({ method: 'GET', url: '/readyz' });
      expect(standby.json()).toMatchObject({ ready: true, checks: { leadership: 'standby' } });

      await clients.configMaps.create(labelled('one'));
      await eventually(() => expect(first.reconciled).toContain(`${ns.name}/one`));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(second.reconciled).toEqual([]);

      first.stop();
      await expect(first.running.done).resolves.toBe('stopped');
      // Released on stop (holder cleared), unless the standby already took it: so the standby takes over
      // within a retry period instead of waiting for the lease to expire (timed by nothing here: tests assert behaviour).
      expect(['', 'second']).toContain(await holder());
      await eventually(() => expect(second.reconciled).toContain(`${ns.name}/one`), 10_000);
      const lease = await clients.leases.get('handover', { namespace: ns.name });
      expect(lease.spec).toMatchObject({ holderIdentity: 'second', leaseTransitions: 1 });

      await clients.configMaps.create(labelled('two'));
      await eventually(() => expect(second.reconciled).toContain(`${ns.name}/two`));
    } finally {
      second.stop();
      await second.running.done;
    }
  });

  it('a leader whose lease calls fail and then hang stops work before the standby starts', async () => {
    const lease = 'partitioned';
    const order: string[] = [];
    const partitioned = new HangingLeaseStore(clients.leaseStore({ namespace: ns.name, name: lease }));
    const first = replica('first', { lease, wrap: () => partitioned });
    await eventually(() => expect(first.running.ready()).toBe(true));
    await eventually(async () =>
      expect((await clients.leases.get(lease, { namespace: ns.name })).spec?.holderIdentity).toBe('first'),
    );
    const second = replica('second', { lease });
    try {
      await clients.configMaps.create(labelled('three'));
      await eventually(() => expect(first.reconciled).toContain(`${ns.name}/three`));
      const firstDone = first.running.done.then((end) => {
        order.push('first stopped');
        return end;
      });
      // Fast failures for most of the renew deadline, then a call that never answers.
      partitioned.failFast = 4;
      partitioned.hanging = true;
      await eventually(() => expect(second.reconciled).toContain(`${ns.name}/three`), 15_000);
      order.push('second reconciled');
      await expect(firstDone).resolves.toBe('leadership-lost');
      expect(order).toEqual(['first stopped', 'second reconciled']);
    } finally {
      first.stop();
      second.stop();
      await Promise.all([first.running.done, second.running.done]);
    }
  });
});
