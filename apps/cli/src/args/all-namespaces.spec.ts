import { aCronJobTrigger, aFunction, anHTTPTrigger, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { runCli } from '../cli.js';
import { fakePorts } from '../testing/fake-ports.js';

const hpa = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  spec: { minReplicas: 1, maxReplicas: 3, scaleTargetRef: { kind: 'Deployment', name: 'x' } },
};

/** The same objects in two namespaces, the context's (`default`) and `other`. */
function twoNamespaces() {
  const ports = fakePorts();
  for (const namespace of ['other', 'default']) {
    ports.cluster.functions.put(
      aFunction().named(`fn-${namespace}`).inNamespace(namespace).withHorizontalPodAutoscaler(hpa).build(),
    );
    ports.cluster.httpTriggers.put(
      anHTTPTrigger().named(`t-${namespace}`).inNamespace(namespace).forFunction(`fn-${namespace}`).build(),
    );
    ports.cluster.cronJobTriggers.put(
      aCronJobTrigger()
        .named(`t-${namespace}`)
        .inNamespace(namespace)
        .forFunction(`fn-${namespace}`)
        .withSchedule('@hourly')
        .build(),
    );
    ports.cluster.kafkaTriggers.put(
      aKafkaTrigger()
        .named(`t-${namespace}`)
        .inNamespace(namespace)
        .matchingLabels({ function: `fn-${namespace}` })
        .build(),
    );
  }
  return ports;
}

const names = (out: string): string[] =>
  (JSON.parse(out) as { metadata?: { namespace: string }; namespace?: string }[]).map(
    (item) => item.metadata?.namespace ?? item.namespace ?? '',
  );

describe('-A/--all-namespaces on every list command', () => {
  it.each([
    [['function', 'ls']],
    [['trigger', 'http', 'ls']],
    [['trigger', 'cronjob', 'ls']],
    [['trigger', 'kafka', 'ls']],
  ])('%j lists the context namespace, and with -A every namespace sorted by namespace', async (command) => {
    const one = twoNamespaces();
    expect(await runCli([...command, '-o', 'json'], one)).toBe(0);
    expect(names(one.out())).toEqual(['default']);
    const all = twoNamespaces();
    expect(await runCli([...command, '-A', '-n', 'ignored', '-o', 'json'], all)).toBe(0);
    expect(names(all.out())).toEqual(['default', 'other']);
  });

  it('autoscale ls -A shows the NAMESPACE of each autoscaled function', async () => {
    const ports = twoNamespaces();
    expect(await runCli(['autoscale', 'ls', '--all-namespaces'], ports)).toBe(0);
    expect(ports.out()).toMatch(/^fn-default +default /m);
    expect(ports.out()).toMatch(/^fn-other +other /m);
  });

  it('function ls -A -o wide keeps each schedule with its own namespace', async () => {
    const ports = twoNamespaces();
    ports.cluster.cronJobTriggers.put(
      aCronJobTrigger().named('daily').inNamespace('other').forFunction('fn-default').withSchedule('@daily').build(),
    );
    expect(await runCli(['function', 'ls', '-A', '-o', 'wide'], ports)).toBe(0);
    const row = (name: string) =>
      ports
        .out()
        .split('\n')
        .find((line) => line.startsWith(name)) ?? '';
    expect(row('fn-default')).toContain('@hourly');
    expect(row('fn-default')).not.toContain('@daily');
  });

  it('refuses names with -A as a usage error (exit 2), as kubectl does', async () => {
    const ports = twoNamespaces();
    expect(await runCli(['function', 'ls', 'fn-other', '-A'], ports)).toBe(2);
    expect(ports.err()).toContain('Error KBL_ERR_USAGE: names cannot be listed across all namespaces');
  });
});
