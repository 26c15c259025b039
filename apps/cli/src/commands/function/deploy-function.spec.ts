import { defaultKubelessConfigData, supportedRuntimes, defaultRuntimeCatalogue } from '@kubeless-ts/api';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';
import type { FakePorts } from '../../testing/fake-ports.js';

const CODE = 'module.exports = { hello: () => "hi" };\n';

function withSource(ports: FakePorts): FakePorts {
  ports.files.set('handler.js', Buffer.from(CODE));
  ports.files.set('package.json', Buffer.from('{"dependencies":{"lodash":"4.17.21"}}'));
  return ports;
}

const deploy = [
  'function',
  'deploy',
  'hello',
  '--runtime',
  'nodejs20',
  '--handler',
  'handler.hello',
  '--from-file',
  'handler.js',
];

describe('function deploy', () => {
  it('creates the Function the original built, with defaults', async () => {
    const ports = withSource(fakePorts({ namespace: 'team' }));
    expect(
      await runCli(
        [
          ...deploy,
          '-d',
          'package.json',
          '-e',
          'A=1,B:2',
          '-l',
          'tier=web',
          '--memory',
          '128Mi',
          '--secrets',
          's1',
          '--node-selectors',
          'disk=ssd',
          '--service-account',
          'sa',
        ],
        ports,
      ),
    ).toBe(0);
    const fn = await ports.cluster.functions.get('hello', { namespace: 'team' });
    expect(fn.metadata.labels).toEqual({ 'created-by': 'kubeless', function: 'hello', tier: 'web' });
    expect(fn.spec).toMatchObject({
      handler: 'handler.hello',
      runtime: 'nodejs20',
      timeout: '180',
      function: CODE,
      'function-content-type': 'text',
      deps: '{"dependencies":{"lodash":"4.17.21"}}',
    });
    expect(fn.spec.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fn.spec.service).toEqual({
      ports: [{ name: 'http-function-port', protocol: 'TCP', port: 8080, targetPort: 8080 }],
      type: 'ClusterIP',
      selector: { 'created-by': 'kubeless', function: 'hello' },
    });
    expect(fn.spec.deployment).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              {
                imagePullPolicy: 'Always',
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', value: '2' },
                ],
                resources: { requests: { memory: '128Mi' }, limits: { memory: '128Mi' } },
                volumeMounts: [{ name: 's1-vol', mountPath: '/s1' }],
              },
            ],
            serviceAccountName: 'sa',
            nodeSelector: { disk: 'ssd' },
            volumes: [{ name: 's1-vol', secret: { secretName: 's1' } }],
          },
        },
      },
    });
    expect(ports.err()).toContain('Function hello submitted for deployment');
    expect(ports.out()).toBe('');
  });

  it('checks the runtime against the cluster catalogue and lists the supported ones', async () => {
    const ports = withSource(fakePorts());
    ports.cluster.configMaps.put({
      metadata: { name: 'kubeless-config', namespace: 'kubeless' },
      data: defaultKubelessConfigData(),
    });
    expect(
      await runCli(['function', 'deploy', 'hello', '-r', 'cobol85', '--handler', 'a.b', '-f', 'handler.js'], ports),
    ).toBe(1);
    expect(ports.err()).toBe(
      `Error KBL_ERR_UNSUPPORTED_RUNTIME: Invalid runtime: cobol85. Supported runtimes are: ${supportedRuntimes(defaultRuntimeCatalogue()).join(', ')}\nHint: Pick one listed by \`kubeless get-server-config\`.\n`,
    );
    expect(ports.cluster.functions.writes).toEqual([]);
  });

  it('falls back to the default catalogue with a warning when the config is missing', async () => {
    const ports = withSource(fakePorts());
    expect(await runCli(deploy, ports)).toBe(0);
    expect(ports.err()).toContain('Warning: cannot read the server config');
  });

  it('follows KUBELESS_NAMESPACE/KUBELESS_CONFIG to the config', async () => {
    const ports = withSource(fakePorts({ env: { KUBELESS_NAMESPACE: 'ops', KUBELESS_CONFIG: 'cfg' } }));
    ports.cluster.configMaps.put({ metadata: { name: 'cfg', namespace: 'ops' }, data: defaultKubelessConfigData() });
    expect(await runCli(deploy, ports)).toBe(0);
    expect(ports.err()).not.toContain('Warning');
  });

  it.each([
    [
      ['function', 'deploy', 'hello', '-r', 'nodejs20', '-f', 'handler.js'],
      2,
      'Error KBL_ERR_USAGE: --handler is required when --runtime is given\nHint: Pass --handler <module>.<function>, e.g. --handler handler.hello.\n',
    ],
    [
      ['function', 'deploy', 'hello', '--handler', 'a.b', '-f', 'handler.js'],
      2,
      'Error KBL_ERR_USAGE: either --runtime or --runtime-image is required',
    ],
    [
      ['function', 'deploy', 'hello', '-r', 'nodejs20', '--handler', 'nodot', '-f', 'handler.js'],
      1,
      'Error KBL_ERR_VALIDATION: --handler: incorrect handler format "nodot". It should be module_name.handler_name',
    ],
    [
      ['function', 'deploy', 'hello', '-r', 'nodejs20', '--handler', 'a.b', '-f', 'nope.js'],
      1,
      'Error KBL_ERR_FILE_NOT_FOUND: --from-file: file nope.js does not exist\nHint: Check the path.\n',
    ],
    [[...deploy, '--memory', 'lots'], 1, 'Error KBL_ERR_VALIDATION: --memory lots is not a Kubernetes quantity'],
    [[...deploy, '--port', '70000'], 2, 'Error KBL_ERR_USAGE: --port 70000 is not a port'],
    [[...deploy, '--timeout', '0'], 2, 'Error KBL_ERR_USAGE: --timeout 0 is not a timeout'],
    [[...deploy, '--schedule', '* * *'], 1, 'Error KBL_ERR_VALIDATION: --schedule "* * *" has 3 fields'],
    [[...deploy, '--image-pull-policy', 'Sometimes'], 2, 'Invalid values'],
    [
      ['function', 'deploy', 'UPPER', '-r', 'nodejs20', '--handler', 'a.b', '-f', 'handler.js'],
      1,
      'Error KBL_ERR_VALIDATION: Function UPPER is invalid',
    ],
  ])('refuses %j', async (args, code, message) => {
    const ports = withSource(fakePorts());
    expect(await runCli(args, ports)).toBe(code);
    expect(ports.err()).toContain(message);
    expect(ports.cluster.functions.writes).toEqual([]);
  });

  it('--dry-run=client prints the Function and writes nothing', async () => {
    const ports = withSource(fakePorts());
    expect(await runCli([...deploy, '--dry-run=client', '-o', 'json'], ports)).toBe(0);
    expect(JSON.parse(ports.out())).toMatchObject({
      apiVersion: 'kubeless.io/v1beta1',
      kind: 'Function',
      metadata: { name: 'hello' },
    });
    expect(ports.cluster.functions.writes).toEqual([]);
  });

  it('--dry-run=server sends with dryRun and prints what the server returned', async () => {
    const ports = withSource(fakePorts());
    expect(await runCli([...deploy, '--dry-run=server'], ports)).toBe(0);
    expect(ports.cluster.functions.writes.map((write) => write.dryRun)).toEqual([true]);
    expect(ports.cluster.functions.objects.size).toBe(0);
    expect(ports.out()).toContain('kind: Function');
  });

  it('--schedule also creates a CronJobTrigger named after the function', async () => {
    const ports = withSource(fakePorts());
    expect(await runCli([...deploy, '--schedule', '*/5 * * * *'], ports)).toBe(0);
    const trigger = await ports.cluster.cronJobTriggers.get('hello', { namespace: 'default' });
    expect(trigger.spec).toEqual({ 'function-name': 'hello', schedule: '*/5 * * * *' });
    expect(trigger.metadata.labels).toEqual({ 'created-by': 'kubeless', function: 'hello' });
  });

  it('--headless and --servicePort shape the Service', async () => {
    const ports = withSource(fakePorts());
    expect(await runCli([...deploy, '--port', '9000', '--servicePort', '80', '--headless'], ports)).toBe(0);
    const fn = await ports.cluster.functions.get('hello', { namespace: 'default' });
    expect(fn.spec.service).toMatchObject({ ports: [{ port: 80, targetPort: 9000 }], clusterIP: 'None' });
  });

  it('deploys a custom image without a runtime', async () => {
    const ports = fakePorts();
    expect(await runCli(['function', 'deploy', 'img', '--runtime-image', 'registry/fn:1'], ports)).toBe(0);
    const fn = await ports.cluster.functions.get('img', { namespace: 'default' });
    expect(fn.spec.runtime).toBe('');
    expect(JSON.stringify(fn.spec.deployment)).toContain('registry/fn:1');
  });

  it('reports an existing function as such', async () => {
    const ports = withSource(fakePorts());
    await runCli(deploy, ports);
    expect(await runCli(deploy, ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_ALREADY_EXISTS');
  });
});
