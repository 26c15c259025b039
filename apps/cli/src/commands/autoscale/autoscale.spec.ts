import { aFunction } from '@kubeless-ts/api/testing';
import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';

function withFunction() {
  const ports = fakePorts();
  ports.cluster.functions.put(aFunction().named('hello').withKubelessLabels().build());
  return ports;
}

describe('autoscale', () => {
  it('stores an autoscaling/v2 cpu HPA in the Function and warns without a CPU request', async () => {
    const ports = withFunction();
    expect(await runCli(['autoscale', 'create', 'hello', '--min', '2', '--max', '5', '--value', '70'], ports)).toBe(0);
    const fn = await ports.cluster.functions.get('hello', { namespace: 'default' });
    expect(fn.spec.horizontalPodAutoscaler).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'hello', namespace: 'default', labels: { 'created-by': 'kubeless', function: 'hello' } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello' },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        ],
      },
    });
    expect(ports.err()).toContain('Warning: function hello has no CPU request');
  });

  it('qps is an Object metric function_calls on the Service', async () => {
    const ports = withFunction();
    expect(
      await runCli(['autoscale', 'create', 'hello', '--metric', 'qps', '--value', '10', '--max', '3'], ports),
    ).toBe(0);
    const fn = await ports.cluster.functions.get('hello', { namespace: 'default' });
    expect((fn.spec.horizontalPodAutoscaler as { spec: { metrics: unknown[] } }).spec.metrics).toEqual([
      {
        type: 'Object',
        object: {
          metric: { name: 'function_calls' },
          describedObject: { apiVersion: 'v1', kind: 'Service', name: 'hello' },
          target: { type: 'Value', value: '10' },
        },
      },
    ]);
    expect(await runCli(['autoscale', 'ls'], ports)).toBe(0);
    expect(ports.out()).toMatch(
      /^NAME +NAMESPACE +TARGET +MIN +MAX +METRIC +VALUE\nhello +default +Deployment\/hello +1 +3 +qps +10\n$/,
    );
  });

  it.each([
    [['--value', '70', '--min', '0'], '--min 0 is not allowed'],
    [['--value', '70', '--min', '3', '--max', '2'], '--max 2 is not allowed'],
    [['--value', 'high'], '--value high is not a CPU utilization'],
  ])('refuses %j', async (extra, message) => {
    const ports = withFunction();
    expect(await runCli(['autoscale', 'create', 'hello', ...extra], ports)).toBe(2);
    expect(ports.err()).toContain(message);
  });

  it('requires --value', async () => {
    const ports = withFunction();
    expect(await runCli(['autoscale', 'create', 'hello'], ports)).toBe(2);
    expect(ports.err()).toContain('Missing required argument: value');
  });

  it('delete clears the definition, and says when there is none', async () => {
    const ports = withFunction();
    await runCli(['autoscale', 'create', 'hello', '--value', '50'], ports);
    expect(await runCli(['autoscale', 'delete', 'hello'], ports)).toBe(0);
    expect(
      (await ports.cluster.functions.get('hello', { namespace: 'default' })).spec.horizontalPodAutoscaler,
    ).toBeUndefined();
    expect(await runCli(['autoscale', 'delete', 'hello'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_NOT_FOUND: Not found an autoscale definition for hello');
  });
});
