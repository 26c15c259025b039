import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { defaultRuntimeCatalogue, runtimeAliases, supportedRuntimes } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { createKafkaClient, loadKafkaSettings, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { eventually } from '@kubeless-ts/test-support';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import {
  adminClients,
  buildBundles,
  createKubelessConfig,
  createNamespace,
  installKubelessCrds,
  KubelessCli,
  startController,
  uniqueName,
} from './cli-harness.js';
import type { RunningController } from './cli-harness.js';
import { reportPodsReady } from '@kubeless-ts/controller-testing';

const work = mkdtempSync(join(tmpdir(), 'kubeless-cli-files-'));
const file = (name: string, content: string): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};
const handlerV1 = file('hello.js', 'module.exports = { hello: () => "v1" };\n');
const handlerV2 = file('hello-v2.js', 'module.exports = { hello: () => "v2" };\n');

type Container = { imagePullPolicy?: string; env?: { name: string; value: string }[] };
const firstContainer = (fn: KubelessFunction): Container | undefined =>
  (fn.spec.deployment as { spec?: { template?: { spec?: { containers?: Container[] } } } } | undefined)?.spec?.template
    ?.spec?.containers?.[0];

describe('the built kubeless CLI against the real apiserver, function controller and Kafka', () => {
  let clients: KubeClients;
  let kubeconfig: string;
  let brokers: readonly string[];
  let ns: string;
  let kubelessNs: string;
  let cli: KubelessCli;
  let controller: RunningController | undefined;

  beforeAll(async () => {
    ({ kubeconfigPath: kubeconfig, brokers } = sharedEnvironment());
    clients = await adminClients(kubeconfig);
    const [bundles] = await Promise.all([buildBundles(), installKubelessCrds(clients)]);
    ns = await createNamespace(clients, 'cli');
    kubelessNs = await createNamespace(clients, 'cli-kubeless');
    await createKubelessConfig(clients, kubelessNs, ns);
    controller = await startController(
      bundles.controller,
      kubeconfig,
      kubelessNs,
      join(work, 'function-controller.log'),
    );
    cli = new KubelessCli(bundles.cli, {
      ...process.env,
      KUBECONFIG: kubeconfig,
      KUBELESS_NAMESPACE: kubelessNs,
      KUBELESS_CONFIG: 'kubeless-config',
      NO_COLOR: '1',
      KAFKA_BROKERS: brokers.join(','),
    });
  });

  afterAll(async () => {
    await controller?.stop();
    for (const name of [ns, kubelessNs])
      if (name !== undefined) await clients.namespaces.delete(name, { ignoreNotFound: true });
  });

  const getFn = (name: string) => clients.functions.get(name, { namespace: ns });
  /** `function deploy <name>` of the v1 hello handler on nodejs20 in the test namespace. */
  const deployHello = (name: string): string[] => [
    'function',
    'deploy',
    name,
    '-n',
    ns,
    '-r',
    'nodejs20',
    '--handler',
    'hello.hello',
    '-f',
    handlerV1,
  ];

  it('deploys, lists, describes, updates without resetting unspecified fields, and deletes', async () => {
    const deploy = await cli.run([
      ...deployHello('hello'),
      '--timeout',
      '30',
      '--port',
      '9090',
      '--image-pull-policy',
      'IfNotPresent',
      '-e',
      'A=1',
      '-l',
      'team=x',
    ]);
    expect(deploy).toMatchObject({ code: 0, stdout: '' });
    expect(deploy.stderr).toContain(
      `Function hello submitted for deployment\nCheck the deployment status executing 'kubeless function ls hello -n ${ns}'`,
    );

    const table = await cli.ok(['function', 'ls', '-n', ns]);
    expect(table.split('\n')[0]).toMatch(/^NAME +NAMESPACE +HANDLER +RUNTIME +DEPENDENCIES +STATUS$/);
    expect(table).toMatch(new RegExp(`hello +${ns} +hello.hello +nodejs20 +`));
    const listed = JSON.parse(await cli.ok(['function', 'list', '-n', ns, '-o', 'json'])) as KubelessFunction[];
    expect(listed.map((fn) => fn.metadata.name)).toEqual(['hello']);
    expect(await cli.ok(['function', 'describe', 'hello', '-n', ns])).toContain(
      `Name:         hello\nNamespace:    ${ns}\nHandler:      hello.hello\nRuntime:      nodejs20\nTimeout:      30\n`,
    );

    expect((await cli.run(['function', 'update', 'hello', '-n', ns, '-f', handlerV2, '-l', 'tier=web'])).code).toBe(0);
    const updated = await getFn('hello');
    expect(updated.spec).toMatchObject({
      function: 'module.exports = { hello: () => "v2" };\n',
      timeout: '30',
      handler: 'hello.hello',
    });
    expect(updated.spec.service).toMatchObject({ ports: [{ port: 9090, targetPort: 9090 }] });
    expect(firstContainer(updated)).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'A', value: '1' }],
    });
    expect(updated.metadata.labels).toMatchObject({
      team: 'x',
      tier: 'web',
      function: 'hello',
      'created-by': 'kubeless',
    });

    expect(await cli.run(['function', 'delete', 'hello', '-n', ns])).toMatchObject({
      code: 0,
      stderr: 'Function hello deleted\n',
    });
    expect(await clients.functions.find('hello', { namespace: ns })).toBeUndefined();
  });

  it('prints client and server dry runs without storing, and the server rejects what --validate=false let through', async () => {
    const base = ['function', 'deploy', 'dry', '-n', ns, '-r', 'nodejs20', '-f', handlerV1];
    const client = await cli.run([...base, '--handler', 'hello.hello', '--dry-run=client', '-o', 'json']);
    expect(client.code).toBe(0);
    expect(JSON.parse(client.stdout)).toMatchObject({
      apiVersion: 'kubeless.io/v1beta1',
      kind: 'Function',
      metadata: { name: 'dry', namespace: ns },
    });
    const server = await cli.run([...base, '--handler', 'hello.hello', '--dry-run=server']);
    expect(server.code).toBe(0);
    expect(server.stdout).toMatch(/\n {2}uid: [0-9a-f-]{36}\n/);
    expect(server.stdout).toContain('creationTimestamp:');
    expect(await clients.functions.find('dry', { namespace: ns })).toBeUndefined();

    const rejected = await cli.run([...base, '--handler', 'nodot', '--validate=false', '--dry-run=server']);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toBe('');
    expect(rejected.stderr).toMatch(
      /^Error KBL_ERR_INVALID: .*spec\.handler.*incorrect handler format\. It should be module_name\.handler_name/m,
    );
    expect(rejected.stderr).not.toMatch(/\n\s+at /);
  });

  it('--wait fails with the Ready reason the controller reports while no pod becomes ready', async () => {
    const result = await cli.run([...deployHello('stuck'), '--wait=6s']);
    expect(result.code).toBe(1);
    const reason = (await getFn('stuck')).status?.conditions?.find((condition) => condition.type === 'Ready')?.reason;
    expect(reason).toBeDefined();
    expect(result.stderr).toContain('Waiting for function stuck: ');
    expect(result.stderr).toMatch(
      new RegExp(`Error KBL_ERR_NOT_READY: Function stuck is not ready after 6 s: ${reason}: `),
    );
  });

  it('--wait succeeds once the pods report ready', async () => {
    const waiting = cli.run([...deployHello('ready'), '--wait=60s']);
    await eventually(
      async () => expect((await reportPodsReady(clients, ns, 'ready')).length).toBeGreaterThan(0),
      45_000,
    );
    const result = await waiting;
    expect(result.stderr).toContain('Function ready is ready');
    expect(result.code).toBe(0);
    expect(await cli.ok(['function', 'ls', 'ready', '-n', ns])).toMatch(/ready +.* 1\/1 READY/);
  });

  it('creates, updates, lists and deletes http, cronjob and kafka triggers', async () => {
    await cli.ok(deployHello('target'));
    await cli.ok([
      'trigger',
      'http',
      'create',
      'web',
      '-n',
      ns,
      '--function-name',
      'target',
      '--path',
      'api',
      '--hostname',
      'target.example.com',
    ]);
    await cli.ok(['trigger', 'http', 'update', 'web', '-n', ns, '--path', 'v2']);
    expect(await cli.ok(['trigger', 'http', 'ls', '-n', ns])).toMatch(
      /web +\S+ +target +target\.example\.com +v2 +nginx/,
    );
    await cli.ok([
      'trigger',
      'cronjob',
      'create',
      'tick',
      '-n',
      ns,
      '--function',
      'target',
      '--schedule',
      '*/5 * * * *',
      '-p',
      '{"a":1}',
    ]);
    await cli.ok(['trigger', 'cronjob', 'update', 'tick', '-n', ns, '--schedule', '@hourly']);
    expect((await clients.cronJobTriggers.get('tick', { namespace: ns })).spec).toEqual({
      'function-name': 'target',
      schedule: '@hourly',
      payload: { a: 1 },
    });
    await cli.ok([
      'trigger',
      'kafka',
      'create',
      'orders',
      '-n',
      ns,
      '--trigger-topic',
      'orders',
      '--function-selector',
      'function=target',
    ]);
    await cli.ok(['trigger', 'kafka', 'update', 'orders', '-n', ns, '--trigger-topic', 'payments']);
    expect(await cli.ok(['trigger', 'kafka', 'ls', '-n', ns])).toMatch(/orders +\S+ +payments +function=target/);
    for (const [kind, name] of [
      ['http', 'web'],
      ['cronjob', 'tick'],
      ['kafka', 'orders'],
    ] as const) {
      await cli.ok(['trigger', kind, 'delete', name, '-n', ns]);
    }
    expect(await cli.ok(['trigger', 'cronjob', 'ls', '-n', ns])).toBe('NAME   NAMESPACE   SCHEDULE   FUNCTION NAME\n');
    const missing = await cli.run(['trigger', 'http', 'delete', 'web', '-n', ns]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `Error KBL_ERR_NOT_FOUND: HTTPTrigger web is not found in namespace ${ns}\nHint: Check the name and the namespace (-n).\n`,
    });
  });

  it('creates, lists and deletes an autoscale definition, which the controller turns into an HPA', async () => {
    await cli.ok([...deployHello('scaled'), '--cpu', '100m']);
    await cli.ok(['autoscale', 'create', 'scaled', '-n', ns, '--min', '1', '--max', '4', '--value', '60']);
    expect(await cli.ok(['autoscale', 'ls', '-n', ns])).toMatch(/scaled +\S+ +Deployment\/scaled +1 +4 +cpu +60%/);
    const hpa = await eventually(() => clients.horizontalPodAutoscalers.get('scaled', { namespace: ns }));
    expect(hpa.spec?.maxReplicas).toBe(4);
    await cli.ok(['autoscale', 'delete', 'scaled', '-n', ns]);
    expect((await getFn('scaled')).spec.horizontalPodAutoscaler).toBeUndefined();
    expect(await cli.run(['autoscale', 'delete', 'scaled', '-n', ns])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Error KBL_ERR_NOT_FOUND: Not found an autoscale definition for scaled'),
    });
  });

  it('creates, lists, publishes to and deletes Kafka topics on the real broker', async () => {
    const topic = uniqueName('cli-topic');
    await cli.ok(['topic', 'create', topic, '--partitions', '2']);
    expect((await cli.ok(['topic', 'ls'])).split('\n')).toContain(topic);
    expect(
      await cli.run([
        'topic',
        'publish',
        '--topic',
        topic,
        '--data',
        'one',
        '--data',
        'two',
        '--brokers',
        brokers.join(','),
      ]),
    ).toMatchObject({ code: 0, stderr: `Published 2 messages to ${topic}\n` });
    const admin = new TopicAdmin(createKafkaClient(loadKafkaSettings({ env: { KAFKA_BROKERS: brokers.join(',') } })));
    try {
      const marks = await admin.highWatermarks(topic);
      expect([...marks.values()].reduce((sum, mark) => sum + mark, 0n)).toBe(2n);
    } finally {
      await admin.close();
    }
    await cli.ok(['topic', 'delete', topic]);
    expect((await cli.ok(['topic', 'ls'])).split('\n')).not.toContain(topic);
    const again = await cli.run(['topic', 'delete', topic]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `Error KBL_ERR_KAFKA: delete topic (topic "${topic}") failed: topic "${topic}" does not exist`,
    );
  });

  it('reads the server config, and explains why call, logs and top reach no pod (there is no kubelet)', async () => {
    const catalogue = defaultRuntimeCatalogue({ imageRepository: 'registry.test/kubeless-ts' });
    const runtimes = supportedRuntimes(catalogue).join(', ');
    const aliases = runtimeAliases(catalogue)
      .map((entry) => `${entry.alias} → ${entry.runtime}`)
      .join(', ');
    expect(await cli.ok(['get-server-config'])).toBe(
      `Current Server Config (${kubelessNs}/kubeless-config):\nSupported Runtimes are: ${runtimes}\nDeprecated names (same handler contract) run as: ${aliases}\n`,
    );
    await cli.ok(deployHello('idle'));
    await eventually(() => clients.services.get('idle', { namespace: ns }));
    const call = await cli.run(['function', 'call', 'idle', '-n', ns, '-d', '{"a":1}']);
    expect(call.code).toBe(1);
    expect(call.stderr).toContain(
      `Error KBL_ERR_UNREACHABLE: Service "${ns}/idle" cannot be reached through the API server proxy: no endpoints available for service "idle"`,
    );
    const logs = await cli.run(['function', 'logs', 'idle', '-n', ns]);
    expect(logs.code).toBe(1);
    expect(logs.stderr).toMatch(
      /^Error KBL_ERR_NOT_READY: there is no pod ready for function idle \(\d+ pods? found\)\n/,
    );
    const top = await cli.run(['function', 'top', '-f', 'idle', '-n', ns, '-o', 'json']);
    expect(top.code).toBe(0);
    expect(JSON.parse(top.stdout)).toEqual([
      { function: 'idle', namespace: ns, message: 'Function does not expose metrics' },
    ]);
  });

  it('uses client-node for kubeconfigs with an exec plugin (the light loader declines them)', async () => {
    const admin = load(readFileSync(kubeconfig, 'utf8')) as {
      clusters: unknown[];
      users: { user: Record<string, string> }[];
    };
    const user = admin.users[0]?.user ?? {};
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: {
        clientCertificateData: Buffer.from(user['client-certificate-data'] ?? '', 'base64').toString('utf8'),
        clientKeyData: Buffer.from(user['client-key-data'] ?? '', 'base64').toString('utf8'),
      },
    };
    const plugin = file('credential.json', JSON.stringify(credential));
    const execConfig = file(
      'exec.kubeconfig',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: admin.clusters,
        users: [
          {
            name: 'exec',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: 'cat',
                args: [plugin],
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [
          {
            name: 'exec',
            context: { cluster: (admin.clusters[0] as { name: string }).name, user: 'exec', namespace: ns },
          },
        ],
        'current-context': 'exec',
      }),
    );
    await cli.ok([
      'function',
      'deploy',
      'viaexec',
      '-r',
      'nodejs20',
      '--handler',
      'hello.hello',
      '-f',
      handlerV1,
      '--kubeconfig',
      execConfig,
    ]);
    expect(await cli.ok(['function', 'ls', 'viaexec', '--kubeconfig', execConfig])).toMatch(
      new RegExp(`viaexec +${ns} +hello.hello`),
    );
  });

  it('answers bad input with exact messages and exit codes', async () => {
    const runtimes = supportedRuntimes(defaultRuntimeCatalogue({ imageRepository: 'registry.test/kubeless-ts' })).join(
      ', ',
    );
    const cases: [readonly string[], number, string][] = [
      [
        ['function', 'deploy', 'bad', '-n', ns, '-r', 'cobol85', '--handler', 'a.b', '-f', handlerV1],
        1,
        `Error KBL_ERR_UNSUPPORTED_RUNTIME: Invalid runtime: cobol85. Supported runtimes are: ${runtimes}\nHint: Pick one listed by \`kubeless get-server-config\`.\n`,
      ],
      [
        ['function', 'deploy', 'bad', '-n', ns, '-r', 'nodejs20', '-f', handlerV1],
        2,
        'Error KBL_ERR_USAGE: --handler is required when --runtime is given\nHint: Pass --handler <module>.<function>, e.g. --handler handler.hello.\n',
      ],
      [
        ['function', 'deploy', 'bad', '-n', ns, '-r', 'nodejs20', '--handler', 'a.b', '-f', join(work, 'missing.js')],
        1,
        `Error KBL_ERR_FILE_NOT_FOUND: --from-file: file ${join(work, 'missing.js')} does not exist\nHint: Check the path.\n`,
      ],
      [
        ['function', 'describe', 'ghost', '-n', ns],
        1,
        `Error KBL_ERR_FUNCTION_NOT_FOUND: Function ghost is not found in namespace ${ns}\nHint: Run \`kubeless function ls -n ${ns}\` to see the functions there.\n`,
      ],
      [
        ['function', 'ls', '--colour'],
        2,
        'Error KBL_ERR_USAGE: Unknown argument: colour\nHint: See `kubeless function ls --help`.\n',
      ],
      [
        ['functoin', 'ls'],
        2,
        'Error KBL_ERR_USAGE: Unknown command. Did you mean function?\nHint: See `kubeless --help`.\n',
      ],
    ];
    for (const [args, code, stderr] of cases) {
      expect({ args, ...(await cli.run(args)) }).toEqual({ args, code, stdout: '', stderr });
    }
    const noKafka = await cli.run(['topic', 'ls', '--brokers', '127.0.0.1:1']);
    expect(noKafka).toMatchObject({ code: 1, stdout: '' });
    expect(noKafka.stderr).toMatch(
      /^Error KBL_ERR_KAFKA: list topics failed: no Kafka broker reachable at 127\.0\.0\.1:1 .*\nHint: /,
    );
    const unreachable = file(
      'unreachable.kubeconfig',
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1", insecure-skip-tls-verify: true } }]',
        'users: [{ name: u, user: { token: t } }]',
        'contexts: [{ name: x, context: { cluster: c, user: u, namespace: default } }]',
        'current-context: x',
        '',
      ].join('\n'),
    );
    const down = await cli.run(['function', 'ls', '--kubeconfig', unreachable]);
    expect(down.code).toBe(1);
    expect(down.stdout).toBe('');
    expect(down.stderr).toMatch(/^Error KBL_ERR_UNREACHABLE: .*\nHint: /);
  });
});
