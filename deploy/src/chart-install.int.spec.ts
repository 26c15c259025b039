import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aCronJobTrigger, aFunction, aKafkaTrigger, anHTTPTrigger } from '@kubeless-ts/api/testing';
import { createKubeClients } from '@kubeless-ts/k8s';
import type { KubeClients } from '@kubeless-ts/k8s';
import { runHelm, runKubectl, sharedEnvironment, waitUntil, workspaceRoot } from '@kubeless-ts/testenv';
import { load } from 'js-yaml';
import { CHART_APPS } from './chart-apps.js';
import { UMBRELLA_DIR } from './chart-paths.js';
import { startChartController } from './chart-controller-process.js';
import type { ChartController } from './chart-controller-process.js';
import type { Manifest } from './rendered-chart.js';

const suffix = randomBytes(3).toString('hex');
const namespace = `kubeless-chart-${suffix}`;
const functionsNamespace = `chart-fns-${suffix}`;
const release = `kbl-${suffix}`;

let kubeconfig: string;
let admin: KubeClients;
const running: ChartController[] = [];

async function helm(args: readonly string[]): Promise<string> {
  const result = await runHelm(args, { kubeconfig, timeoutMs: 110_000 });
  if (result.code !== 0) throw new Error(`helm ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  return result.stdout;
}

async function kubectl(args: readonly string[], input?: string): Promise<string> {
  const result = await runKubectl(kubeconfig, args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

/** `kubectl auth can-i` as the ServiceAccount the chart created: yes or no (exit code 1 is "no"). */
async function canI(
  serviceAccount: string,
  verb: string,
  resource: string,
  scope: readonly string[] = [],
): Promise<boolean> {
  const result = await runKubectl(kubeconfig, [
    'auth',
    'can-i',
    verb,
    resource,
    `--as=system:serviceaccount:${namespace}:${serviceAccount}`,
    ...scope,
  ]);
  if (result.code > 1) throw new Error(`kubectl auth can-i failed: ${result.stderr}`);
  return result.stdout.trim() === 'yes';
}

async function installedDeployment(app: string): Promise<Manifest> {
  return JSON.parse(
    await kubectl(['get', 'deployment', `${release}-${app}`, '-n', namespace, '-o', 'json']),
  ) as Manifest;
}

/** A token of the chart's ServiceAccount, through the TokenRequest API. */
async function tokenFileFor(serviceAccount: string): Promise<string> {
  const { token } = await admin.requestToken({ namespace, serviceAccount, expirationSeconds: 3600 });
  const file = join(mkdtempSync(join(tmpdir(), 'kubeless-chart-sa-')), 'token');
  writeFileSync(file, token);
  return file;
}

async function runInstalled(app: string): Promise<ChartController> {
  const controller = await startChartController({
    app,
    deployment: await installedDeployment(app),
    kubeconfigPath: kubeconfig,
    tokenFile: await tokenFileFor(`${release}-${app}`),
  });
  running.push(controller);
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${controller.healthPort}/readyz`)).ok, {
    timeoutMs: 60_000,
    what: `${app} /readyz`,
    aborted: () => (/"level":"fatal"|"level":60/.test(controller.output()) ? controller.output() : undefined),
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}\n--- ${app} output ---\n${controller.output()}`);
  });
  return controller;
}

beforeAll(async () => {
  kubeconfig = sharedEnvironment().kubeconfigPath;
  admin = await createKubeClients({ kubeconfig, fieldManager: 'deploy-int-spec', env: {} });
  // As docs/install.md says: the release namespace enforces the restricted Pod Security Standard.
  await admin.namespaces.create({
    metadata: {
      name: namespace,
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    },
  });
  await admin.namespaces.create({ metadata: { name: functionsNamespace } });
});

afterAll(async () => {
  for (const controller of running) await controller.stop();
  await runHelm(['uninstall', release, '-n', namespace, '--wait=false'], { kubeconfig });
  await admin?.namespaces.delete(functionsNamespace, { ignoreNotFound: true });
  await admin?.namespaces.delete(namespace, { ignoreNotFound: true });
});

describe('helm install of the umbrella chart into the real apiserver', () => {
  it('installs every component (CRDs taken over if already there), RBAC objects included', async () => {
    // --wait=false: there is no kubelet, pods stay Pending.
    const installed = await helm([
      'install',
      release,
      join(workspaceRoot, UMBRELLA_DIR),
      '--namespace',
      namespace,
      '--take-ownership',
      '--wait=false',
      ...CHART_APPS.flatMap((app) => ['--set', `${app.name}.enabled=true`]),
      '--set',
      `function-controller.kubelessConfig.data.functions-namespace=${functionsNamespace}`,
      '--set',
      `global.kafka.brokers=${sharedEnvironment().brokers.join('\\,')}`,
    ]);
    for (const app of CHART_APPS) expect(installed).toContain(`${app.name}: enabled`);
    const status = load(await helm(['status', release, '-n', namespace, '-o', 'yaml'])) as { info: { status: string } };
    expect(status.info.status).toBe('deployed');
    for (const app of CHART_APPS) {
      const name = `${release}-${app.name}`;
      await kubectl(['get', 'serviceaccount', name, '-n', namespace]);
      await kubectl(['get', 'clusterrole', name]);
      await kubectl(['get', 'clusterrolebinding', name]);
      await kubectl(['get', 'deployment', name, '-n', namespace]);
    }
    const crd = JSON.parse(await kubectl(['get', 'crd', 'functions.kubeless.io', '-o', 'json'])) as Manifest;
    expect(crd.metadata.annotations?.['meta.helm.sh/release-name']).toBe(release);
  });

  it('has its pods admitted under the restricted Pod Security Standard (a privileged pod is refused there)', async () => {
    // No kubelet runs them, but the ReplicaSet controller creates the pods and admission checks them.
    await waitUntil(
      async () => {
        const pods = JSON.parse(
          await kubectl(['get', 'pods', '-n', namespace, '-l', `app.kubernetes.io/instance=${release}`, '-o', 'json']),
        ) as { items: Manifest[] };
        return (
          new Set(pods.items.map((pod) => pod.metadata.labels?.['app.kubernetes.io/name'])).size === CHART_APPS.length
        );
      },
      { timeoutMs: 60_000, what: `a pod of each of the ${CHART_APPS.length} Deployments` },
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await kubectl(['get', 'events', '-n', namespace])}`);
    });
    const privileged = await runKubectl(kubeconfig, [
      'run',
      'root-shell',
      '-n',
      namespace,
      '--image=busybox:1.36',
      '--restart=Never',
      '--overrides={"spec":{"containers":[{"name":"root-shell","image":"busybox:1.36","securityContext":{"privileged":true}}]}}',
    ]);
    expect(privileged.code).not.toBe(0);
    expect(privileged.stderr).toMatch(/violates PodSecurity "restricted/);
  });

  it('forbids each ServiceAccount what its rules do not grant', async () => {
    const all = ['--all-namespaces'];
    for (const app of CHART_APPS) {
      const sa = `${release}-${app.name}`;
      expect(await canI(sa, 'delete', 'namespaces')).toBe(false);
      expect(await canI(sa, 'get', 'secrets', all)).toBe(false);
      expect(await canI(sa, 'list', 'secrets', ['-n', namespace])).toBe(false);
      expect(await canI(sa, 'create', 'clusterroles')).toBe(false);
      expect(await canI(sa, 'create', 'pods', all)).toBe(false);
      expect(await canI(sa, 'delete', 'customresourcedefinitions')).toBe(false);
    }
    const fn = `${release}-function-controller`;
    expect(await canI(fn, 'create', 'deployments.apps', ['-n', functionsNamespace])).toBe(true);
    expect(await canI(fn, 'list', 'kafkatriggers.kubeless.io', all)).toBe(false);
    expect(await canI(fn, 'create', 'ingresses.networking.k8s.io', all)).toBe(false);
    // The Lease Role is namespaced: only in the release namespace.
    expect(await canI(fn, 'update', 'leases.coordination.k8s.io', ['-n', namespace])).toBe(true);
    expect(await canI(fn, 'update', 'leases.coordination.k8s.io', ['-n', 'default'])).toBe(false);
    const http = `${release}-http-trigger-controller`;
    expect(await canI(http, 'create', 'ingresses.networking.k8s.io', ['-n', functionsNamespace])).toBe(true);
    expect(await canI(http, 'list', 'kafkatriggers.kubeless.io', all)).toBe(false);
    expect(await canI(http, 'patch', 'kafkatriggers.kubeless.io', all)).toBe(false);
    expect(await canI(http, 'create', 'deployments.apps', all)).toBe(false);
    expect(await canI(http, 'patch', 'functions.kubeless.io', all)).toBe(false);
    const cron = `${release}-cronjob-trigger-controller`;
    expect(await canI(cron, 'create', 'cronjobs.batch', ['-n', functionsNamespace])).toBe(true);
    expect(await canI(cron, 'create', 'jobs.batch', all)).toBe(false);
    expect(await canI(cron, 'create', 'ingresses.networking.k8s.io', all)).toBe(false);
    const consumer = `${release}-kafka-consumer`;
    expect(
      await canI(consumer, 'patch', 'kafkatriggers.kubeless.io', ['-n', functionsNamespace, '--subresource=status']),
    ).toBe(true);
    expect(await canI(consumer, 'patch', 'kafkatriggers.kubeless.io', ['-n', functionsNamespace])).toBe(false);
    // Replicas share the work, so it has no Lease Role at all.
    expect(await canI(consumer, 'update', 'leases.coordination.k8s.io', ['-n', namespace])).toBe(false);
    expect(await canI(consumer, 'get', 'services', all)).toBe(false);
    const kafka = `${release}-kafka-trigger-controller`;
    expect(await canI(kafka, 'create', 'ingresses.networking.k8s.io', all)).toBe(false);
    expect(await canI(kafka, 'delete', 'functions.kubeless.io', all)).toBe(false);
  });

  it('runs the function controller with the chart ServiceAccount token: a Function gets its ConfigMap, Service and Deployment', async () => {
    await runInstalled('function-controller');
    const fn = aFunction().named('hello').inNamespace(functionsNamespace).build();
    await admin.functions.create(fn, { namespace: functionsNamespace });
    await waitUntil(
      async () => {
        const [configMap, service, deployment] = await Promise.all([
          admin.configMaps.find('hello', { namespace: functionsNamespace }),
          admin.services.find('hello', { namespace: functionsNamespace }),
          admin.deployments.find('hello', { namespace: functionsNamespace }),
        ]);
        return configMap !== undefined && service !== undefined && deployment !== undefined;
      },
      { timeoutMs: 60_000, what: 'children of Function hello' },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- function-controller output ---\n${running[0]?.output() ?? ''}`);
    });
    const deployment = await admin.deployments.get('hello', { namespace: functionsNamespace });
    expect(deployment.metadata?.ownerReferences?.[0]?.kind).toBe('Function');
    // It leads through the Lease its Role allows, in the release namespace.
    const leases = JSON.parse(await kubectl(['get', 'leases', '-n', namespace, '-o', 'json'])) as { items: Manifest[] };
    expect(leases.items.length).toBeGreaterThan(0);
  });

  it('runs the http trigger controller with its chart ServiceAccount token: an HTTPTrigger gets its Ingress', async () => {
    await runInstalled('http-trigger-controller');
    const trigger = anHTTPTrigger()
      .named('hello-http')
      .inNamespace(functionsNamespace)
      .forFunction('hello')
      .withHost('hello.example.com')
      .build();
    await admin.httpTriggers.create(trigger, { namespace: functionsNamespace });
    await waitUntil(
      async () => (await admin.ingresses.find('hello-http', { namespace: functionsNamespace })) !== undefined,
      { timeoutMs: 60_000, what: 'Ingress of HTTPTrigger hello-http' },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- http-trigger-controller output ---\n${running[1]?.output() ?? ''}`);
    });
  });

  it('runs the cronjob trigger controller with its chart ServiceAccount token: a CronJobTrigger gets its CronJob', async () => {
    await runInstalled('cronjob-trigger-controller');
    const trigger = aCronJobTrigger()
      .named('hello-cron')
      .inNamespace(functionsNamespace)
      .forFunction('hello')
      .withSchedule('*/5 * * * *')
      .build();
    await admin.cronJobTriggers.create(trigger, { namespace: functionsNamespace });
    const ownedByTrigger = async (): Promise<boolean> => {
      const page = await admin.cronJobs.list({ namespace: functionsNamespace });
      return page.items.some((cronJob) =>
        cronJob.metadata?.ownerReferences?.some(
          (owner) => owner.kind === 'CronJobTrigger' && owner.name === 'hello-cron',
        ),
      );
    };
    await waitUntil(ownedByTrigger, { timeoutMs: 60_000, what: 'CronJob of CronJobTrigger hello-cron' }).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n--- cronjob-trigger-controller output ---\n${running[2]?.output() ?? ''}`);
      },
    );
    // The rules sufficed for everything the three did, not just for the objects checked above.
    const output = running.map((controller) => controller.output()).join('\n');
    expect(output).not.toMatch(/forbidden|KBL_ERR_FORBIDDEN/i);
  });

  it('runs the Kafka trigger controller and the consumer with their tokens and the chart broker settings: a KafkaTrigger gets its status', async () => {
    await runInstalled('kafka-trigger-controller');
    const trigger = aKafkaTrigger()
      .named('hello-kafka')
      .inNamespace(functionsNamespace)
      .withTopic(`chart-${suffix}`)
      .matchingLabels({ function: 'hello' })
      .build();
    await admin.kafkaTriggers.create(trigger, { namespace: functionsNamespace });
    await waitUntil(
      async () =>
        ((await admin.kafkaTriggers.get('hello-kafka', { namespace: functionsNamespace })).status?.conditions?.length ??
          0) > 0,
      {
        timeoutMs: 60_000,
        what: 'status of KafkaTrigger hello-kafka',
      },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- kafka-trigger-controller output ---\n${running[3]?.output() ?? ''}`);
    });
    // Ready means its informer listed the triggers with exactly its rules and it reached the brokers.
    await runInstalled('kafka-consumer');
    const output = running.map((controller) => controller.output()).join('\n');
    expect(output).not.toMatch(/forbidden|KBL_ERR_FORBIDDEN/i);
  });

  it('upgrades in place: more replicas add a PodDisruptionBudget', async () => {
    await helm([
      'upgrade',
      release,
      join(workspaceRoot, UMBRELLA_DIR),
      '--namespace',
      namespace,
      '--reuse-values',
      '--wait=false',
      '--set',
      'function-controller.replicaCount=2',
    ]);
    const budget = JSON.parse(
      await kubectl(['get', 'pdb', `${release}-function-controller`, '-n', namespace, '-o', 'json']),
    ) as { spec: { minAvailable: number } };
    expect(budget.spec.minAvailable).toBe(1);
  });
});
