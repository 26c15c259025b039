import { aFunction } from '@kubeless-ts/api/testing';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

function withFunction() {
  const ports = fakePorts();
  ports.cluster.functions.put(aFunction().named('hello').build());
  return ports;
}

describe('trigger http', () => {
  it('creates with the nginx nip.io default host and lists', async () => {
    const ports = withFunction();
    expect(
      await runCli(
        ['trigger', 'http', 'create', 'web', '--function-name', 'hello', '--path', '/api/hello', '--cors-enable'],
        ports,
      ),
    ).toBe(0);
    const trigger = await ports.cluster.httpTriggers.get('web', { namespace: 'default' });
    expect(trigger.spec).toEqual({
      'function-name': 'hello',
      gateway: 'nginx',
      path: 'api/hello',
      'cors-enable': true,
      'host-name': 'hello.10.0.0.1.nip.io',
    });
    expect(trigger.metadata.labels).toEqual({ 'created-by': 'kubeless' });
    expect(await runCli(['trigger', 'http', 'ls'], ports)).toBe(0);
    expect(ports.out()).toMatch(
      /^NAME +NAMESPACE +FUNCTION NAME +HOST +PATH +GATEWAY\nweb +default +hello +hello.10.0.0.1.nip.io +api\/hello +nginx\n$/,
    );
  });

  it('needs --hostname for other gateways and an existing function', async () => {
    const ports = withFunction();
    expect(
      await runCli(['trigger', 'http', 'create', 'web', '--function-name', 'hello', '--gateway', 'kong'], ports),
    ).toBe(2);
    expect(ports.err()).toContain('--hostname is required with the kong gateway');
    expect(await runCli(['trigger', 'http', 'create', 'web', '--function-name', 'ghost'], ports)).toBe(1);
    expect(ports.err()).toContain('Function ghost is not found');
  });

  it('validates with the API rules (TLS conflict)', async () => {
    const ports = withFunction();
    expect(
      await runCli(
        ['trigger', 'http', 'create', 'web', '--function-name', 'hello', '--enableTLSAcme', '--tls-secret', 's'],
        ports,
      ),
    ).toBe(1);
    expect(ports.err()).toContain('spec.tls-secret: cannot be set together with tls: true');
  });

  it('update changes only the given flags; delete removes', async () => {
    const ports = withFunction();
    await runCli(
      ['trigger', 'http', 'create', 'web', '--function-name', 'hello', '--path', 'p', '--enableTLSAcme'],
      ports,
    );
    expect(await runCli(['trigger', 'http', 'update', 'web', '--path', 'q'], ports)).toBe(0);
    expect((await ports.cluster.httpTriggers.get('web', { namespace: 'default' })).spec).toMatchObject({
      path: 'q',
      tls: true,
      gateway: 'nginx',
    });
    expect(await runCli(['trigger', 'http', 'delete', 'web'], ports)).toBe(0);
    expect(await runCli(['trigger', 'http', 'delete', 'web'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_NOT_FOUND: HTTPTrigger web is not found in namespace default');
  });
});

describe('trigger cronjob', () => {
  it('creates with a JSON object payload', async () => {
    const ports = withFunction();
    expect(
      await runCli(
        ['trigger', 'cronjob', 'create', 'tick', '--function', 'hello', '--schedule', '*/5 * * * *', '-p', '{"a":1}'],
        ports,
      ),
    ).toBe(0);
    expect((await ports.cluster.cronJobTriggers.get('tick', { namespace: 'default' })).spec).toEqual({
      'function-name': 'hello',
      schedule: '*/5 * * * *',
      payload: { a: 1 },
    });
  });

  it('reads the payload from a .json file only', async () => {
    const ports = withFunction();
    ports.files.set('p.json', Buffer.from('{"b":2}'));
    expect(
      await runCli(
        ['trigger', 'cronjob', 'create', 'tick', '--function', 'hello', '--schedule', '@hourly', '-f', 'p.json'],
        ports,
      ),
    ).toBe(0);
    expect(
      await runCli(
        ['trigger', 'cronjob', 'create', 't2', '--function', 'hello', '--schedule', '@hourly', '-f', 'p.txt'],
        ports,
      ),
    ).toBe(2);
    expect(ports.err()).toContain('only .json files are accepted');
  });

  it.each([
    [['-p', 'not json'], 'Error KBL_ERR_VALIDATION: --payload is not valid JSON'],
    [['-p', '[1,2]'], 'Error KBL_ERR_VALIDATION: --payload must be a JSON object'],
    [['--schedule', '61 * * * *'], 'spec.schedule'],
  ])('refuses %j', async (extra, message) => {
    const ports = withFunction();
    const args = ['trigger', 'cronjob', 'create', 'tick', '--function', 'hello', '--schedule', '* * * * *', ...extra];
    expect(await runCli(args, ports)).toBe(1);
    expect(ports.err()).toContain(message);
  });

  it('update keeps schedule and payload when not given (the original blanked them)', async () => {
    const ports = withFunction();
    await runCli(
      ['trigger', 'cronjob', 'create', 'tick', '--function', 'hello', '--schedule', '@daily', '-p', '{"a":1}'],
      ports,
    );
    expect(await runCli(['trigger', 'cronjob', 'update', 'tick', '--schedule', '@hourly'], ports)).toBe(0);
    expect((await ports.cluster.cronJobTriggers.get('tick', { namespace: 'default' })).spec).toEqual({
      'function-name': 'hello',
      schedule: '@hourly',
      payload: { a: 1 },
    });
    expect(await runCli(['trigger', 'cronjob', 'ls', '-o', 'yaml'], ports)).toBe(0);
    expect(ports.out()).toContain("schedule: '@hourly'");
  });
});

describe('trigger kafka', () => {
  it('creates with matchLabels from the selector, updates and lists', async () => {
    const ports = fakePorts();
    expect(
      await runCli(
        [
          'trigger',
          'kafka',
          'create',
          'kt',
          '--trigger-topic',
          'orders',
          '--function-selector',
          'created-by=kubeless,function==hello',
        ],
        ports,
      ),
    ).toBe(0);
    expect((await ports.cluster.kafkaTriggers.get('kt', { namespace: 'default' })).spec).toEqual({
      topic: 'orders',
      functionSelector: { matchLabels: { 'created-by': 'kubeless', function: 'hello' } },
    });
    expect(await runCli(['trigger', 'kafka', 'update', 'kt', '--trigger-topic', 'payments'], ports)).toBe(0);
    expect(await runCli(['trigger', 'kafka', 'ls'], ports)).toBe(0);
    expect(ports.out()).toMatch(/kt +default +payments +created-by=kubeless,function=hello/);
  });

  it('refuses selectors it cannot keep and bad topics', async () => {
    const ports = fakePorts();
    expect(
      await runCli(
        ['trigger', 'kafka', 'create', 'kt', '--trigger-topic', 'orders', '--function-selector', 'tier in (a,b)'],
        ports,
      ),
    ).toBe(2);
    expect(ports.err()).toContain('--function-selector: "tier in (a" is not a key=value term');
    expect(
      await runCli(
        ['trigger', 'kafka', 'create', 'kt', '--trigger-topic', 'bad topic', '--function-selector', 'a=b'],
        ports,
      ),
    ).toBe(1);
    expect(ports.err()).toContain('spec.topic');
  });

  it('--dry-run=client prints the trigger without writing', async () => {
    const ports = fakePorts();
    expect(
      await runCli(
        [
          'trigger',
          'kafka',
          'create',
          'kt',
          '--trigger-topic',
          'orders',
          '--function-selector',
          'a=b',
          '--dry-run=client',
          '-o',
          'json',
        ],
        ports,
      ),
    ).toBe(0);
    expect(JSON.parse(ports.out())).toMatchObject({ kind: 'KafkaTrigger', spec: { topic: 'orders' } });
    expect(ports.cluster.kafkaTriggers.writes).toEqual([]);
  });
});
