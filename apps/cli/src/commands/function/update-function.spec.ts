import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

describe('function update', () => {
  async function deployed() {
    const ports = fakePorts();
    ports.files.set('v1.js', Buffer.from('v1'));
    ports.files.set('v2.js', Buffer.from('v2'));
    const args = [
      'function',
      'deploy',
      'hello',
      '-r',
      'nodejs20',
      '--handler',
      'v1.hello',
      '-f',
      'v1.js',
      '--timeout',
      '30',
      '--port',
      '9000',
      '--image-pull-policy',
      'IfNotPresent',
      '-e',
      'A=1',
      '-l',
      'team=a',
      '--memory',
      '64Mi',
    ];
    expect(await runCli(args, ports)).toBe(0);
    return ports;
  }

  it('changes only the given fields: timeout, port, pull policy, env stay', async () => {
    const ports = await deployed();
    expect(await runCli(['function', 'update', 'hello', '-f', 'v2.js', '-l', 'tier=web', '--cpu', '100m'], ports)).toBe(
      0,
    );
    const fn = await ports.cluster.functions.get('hello', { namespace: 'default' });
    expect(fn.spec).toMatchObject({ function: 'v2', timeout: '30', handler: 'v1.hello' });
    expect(fn.metadata.labels).toEqual({ 'created-by': 'kubeless', function: 'hello', team: 'a', tier: 'web' });
    expect(fn.spec.service).toMatchObject({ ports: [{ port: 9000, targetPort: 9000 }] });
    const container = (
      fn.spec.deployment as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } }
    ).spec.template.spec.containers[0];
    expect(container).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'A', value: '1' }],
      resources: { requests: { memory: '64Mi', cpu: '100m' }, limits: { memory: '64Mi', cpu: '100m' } },
    });
    expect(ports.cluster.functions.writes.at(-1)?.verb).toBe('replace');
  });

  it('a missing function is reported in the original wording', async () => {
    const ports = fakePorts();
    expect(await runCli(['function', 'update', 'ghost', '--timeout', '5'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_FUNCTION_NOT_FOUND: Function ghost is not found in namespace default');
  });

  it('--dry-run=client prints the changed Function without writing', async () => {
    const ports = await deployed();
    const before = ports.cluster.functions.writes.length;
    expect(await runCli(['function', 'update', 'hello', '--timeout', '60', '--dry-run', 'client'], ports)).toBe(0);
    expect(ports.out()).toContain("timeout: '60'");
    expect(ports.cluster.functions.writes.length).toBe(before);
  });
});
