import { aFunction } from '@kubeless-ts/api/testing';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

const CRASH_MESSAGE =
  'container beta keeps crashing (exit code 1 (Error), restarted 3 times); read its output with `kubeless function logs beta`';

function cluster() {
  const ports = fakePorts();
  ports.cluster.functions.put(
    aFunction()
      .named('alpha')
      .withKubelessLabels()
      .withDeps('{"dependencies":{"lodash":"4.17.21","left-pad":"1.0.0"}}')
      .withDeployment({
        spec: {
          template: {
            spec: { containers: [{ env: [{ name: 'A', value: '1' }], resources: { requests: { memory: '128Mi' } } }] },
          },
        },
      })
      .withStatus({ readyReplicas: 1, replicas: 1, conditions: [{ type: 'Ready', status: 'True', reason: 'Ready' }] })
      .build(),
  );
  ports.cluster.functions.put(
    aFunction()
      .named('beta')
      .withRuntime('python3.12')
      .withHandler('h.main')
      .withDeps('requests==2.0')
      .withStatus({
        replicas: 1,
        conditions: [{ type: 'Ready', status: 'False', reason: 'CrashLooping', message: CRASH_MESSAGE }],
      })
      .build(),
  );
  ports.cluster.functions.put(aFunction().named('gamma').inNamespace('other').build());
  ports.cluster.cronJobTriggers.put({
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'CronJobTrigger',
    metadata: { name: 't', namespace: 'default' },
    spec: { 'function-name': 'beta', schedule: '@hourly' },
  });
  return ports;
}

describe('function list', () => {
  it('prints the original columns for the namespace, sorted, with readiness from the status', async () => {
    const ports = cluster();
    expect(await runCli(['function', 'ls'], ports)).toBe(0);
    expect(ports.out()).toBe(
      [
        'NAME    NAMESPACE   HANDLER         RUNTIME      DEPENDENCIES      STATUS',
        'alpha   default     handler.hello   nodejs20     lodash: 4.17.21   1/1 READY',
        '                                                 left-pad: 1.0.0',
        'beta    default     h.main          python3.12   requests==2.0     0/1 NOT READY (CrashLooping)',
        '',
      ].join('\n'),
    );
  });

  it('-o wide adds aligned memory, env, labels and schedule columns', async () => {
    const ports = cluster();
    expect(await runCli(['function', 'list', '-o', 'wide'], ports)).toBe(0);
    const lines = ports.out().split('\n');
    expect(lines[0]).toMatch(/^NAME +NAMESPACE +HANDLER +RUNTIME +DEPENDENCIES +STATUS +MEMORY +ENV +LABEL +SCHEDULE$/);
    const column = (title: string) => (lines[0] ?? '').indexOf(title);
    expect(lines[1]?.indexOf('128Mi')).toBe(column('MEMORY'));
    expect(lines[1]?.indexOf('A = 1')).toBe(column('ENV'));
    expect(lines[1]?.indexOf('created-by : kubeless')).toBe(column('LABEL'));
    expect(ports.out()).toContain('@hourly');
  });

  it('-o json prints the Function objects; names select and a missing one fails', async () => {
    const ports = cluster();
    expect(await runCli(['function', 'ls', 'beta', '-o', 'json'], ports)).toBe(0);
    expect(JSON.parse(ports.out()).map((fn: { metadata: { name: string } }) => fn.metadata.name)).toEqual(['beta']);
    expect(await runCli(['function', 'ls', 'nope'], ports)).toBe(1);
    const two = cluster();
    expect(await runCli(['function', 'ls', 'beta', 'alpha', '-o', 'yaml'], two)).toBe(0);
    expect(two.out().match(/^ {4}name: \w+$/gm)).toEqual(['    name: alpha', '    name: beta']);
  });

  it('shows functions without status as missing', async () => {
    const ports = fakePorts();
    ports.cluster.functions.put(aFunction().build());
    await runCli(['function', 'ls'], ports);
    expect(ports.out()).toContain('MISSING: Check controller logs');
  });
});

describe('function describe', () => {
  it('has no ls alias (the original collided with list)', async () => {
    const ports = cluster();
    await runCli(['function', 'ls', 'alpha'], ports);
    expect(ports.out()).toContain('NAME');
  });

  it('prints the fields', async () => {
    const ports = cluster();
    expect(await runCli(['function', 'describe', 'beta'], ports)).toBe(0);
    expect(ports.out()).toContain(
      'Name:         beta\nNamespace:    default\nHandler:      h.main\nRuntime:      python3.12\n',
    );
    expect(ports.out()).toContain(
      `Status:       0/1 NOT READY (CrashLooping)\nReady:        False: CrashLooping: ${CRASH_MESSAGE}\n`,
    );
  });

  it('shows the Built condition of the build step, with the log tail of a failed build', async () => {
    const ports = fakePorts();
    const tail = 'reg.test/functions/delta:0123: container install exited with 1: npm error 404 Not Found';
    ports.cluster.functions.put(
      aFunction()
        .named('delta')
        .withStatus({
          conditions: [
            { type: 'Built', status: 'False', reason: 'BuildFailed', message: tail },
            { type: 'Ready', status: 'False', reason: 'BuildFailed', message: tail },
          ],
        })
        .build(),
    );
    expect(await runCli(['function', 'describe', 'delta'], ports)).toBe(0);
    expect(ports.out()).toContain(
      `Ready:        False: BuildFailed: ${tail}\nBuilt:        False: BuildFailed: ${tail}\n`,
    );
    expect(await runCli(['function', 'ls'], ports)).toBe(0);
    expect(ports.out()).toContain('0/0 NOT READY (BuildFailed)');
  });

  it('-o yaml prints the object', async () => {
    const ports = cluster();
    expect(await runCli(['function', 'describe', 'alpha', '-o', 'yaml'], ports)).toBe(0);
    expect(ports.out()).toContain('kind: Function\n');
    const failing = cluster();
    expect(await runCli(['function', 'describe', 'beta', '-o', 'yaml'], failing)).toBe(0);
    expect(failing.out()).toContain('reason: CrashLooping\n');
    expect(failing.out()).toContain('keeps crashing (exit code 1 (Error), restarted 3 times)');
  });
});

describe('function delete', () => {
  it('deletes, and names a missing function', async () => {
    const ports = cluster();
    expect(await runCli(['function', 'delete', 'alpha'], ports)).toBe(0);
    expect(ports.cluster.functions.objects.has('default/alpha')).toBe(false);
    expect(ports.err()).toBe('Function alpha deleted\n');
    expect(await runCli(['function', 'delete', 'alpha'], ports)).toBe(1);
    expect(ports.err()).toContain('Function alpha is not found in namespace default');
  });
});
