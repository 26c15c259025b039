import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runKubectl, sharedEnvironment, workspaceRoot } from '@kubeless-ts/testenv';
import { KUBELESS_KINDS } from './crd-definitions.js';
import { crdManifest } from './crd-manifest.js';
import type { AnyKubelessResource } from './resource-types.js';
import { parseResource } from './resource-validation.js';
import { aCronJobTrigger, aFunction, aKafkaTrigger, anHTTPTrigger } from './testing.js';

const crdDir = join(workspaceRoot, 'deploy', 'crds');
const namespace = `api-crds-${randomBytes(3).toString('hex')}`;
let kubeconfig = '';

async function kubectl(args: readonly string[], input?: string): Promise<string> {
  const result = await runKubectl(kubeconfig, args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Creates the object and returns kubectl's error output (empty when it was accepted). */
async function createRejection(resource: AnyKubelessResource): Promise<string> {
  const result = await runKubectl(kubeconfig, ['create', '-n', namespace, '-f', '-'], JSON.stringify(resource));
  return result.code === 0 ? '' : result.stderr;
}

beforeAll(async () => {
  kubeconfig = sharedEnvironment().kubeconfigPath;
  // Server-side apply with our own manager: other suites may apply the same CRDs concurrently.
  await kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=kubeless-ts-api-int', '-f', crdDir]);
  const names = KUBELESS_KINDS.map((kind) => `crd/${crdManifest(kind).metadata.name}`);
  await kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...names]);
  await kubectl(['create', 'namespace', namespace]);
});

afterAll(async () => {
  if (kubeconfig !== '') await runKubectl(kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

describe('kubeless.io CRDs on a real apiserver', () => {
  it('are served in discovery with short names, categories and the status subresource', async () => {
    const discovery = JSON.parse(await kubectl(['get', '--raw', '/apis/kubeless.io/v1beta1'])) as {
      resources: { name: string; kind: string; namespaced: boolean; shortNames?: string[]; categories?: string[] }[];
    };
    for (const kind of KUBELESS_KINDS) {
      const { names } = crdManifest(kind).spec;
      const resource = discovery.resources.find((entry) => entry.name === names.plural);
      expect(resource).toMatchObject({
        kind,
        namespaced: true,
        shortNames: names.shortNames,
        categories: ['kubeless'],
      });
      expect(discovery.resources.map((entry) => entry.name)).toContain(`${names.plural}/status`);
    }
    const apiResources = await kubectl(['api-resources', '--api-group=kubeless.io', '-o', 'name']);
    expect(apiResources.trim().split('\n').sort()).toEqual([
      'cronjobtriggers.kubeless.io',
      'functions.kubeless.io',
      'httptriggers.kubeless.io',
      'kafkatriggers.kubeless.io',
    ]);
  });

  it('round-trips a Function with unknown fields inside its embedded objects unchanged', async () => {
    const fn = aFunction()
      .named('roundtrip')
      .inNamespace(namespace)
      .withDeployment({
        metadata: { annotations: { team: 'a' } },
        spec: {
          template: {
            spec: { containers: [{ name: 'roundtrip', futureField: { nested: [1, 'two', { three: true }] } }] },
          },
        },
        notADeploymentField: 'kept',
      })
      .withService({
        ports: [{ name: 'http-function-port', port: 8080, targetPort: 8080 }],
        trafficDistribution: 'PreferClose',
        x: { y: null },
      })
      .withHorizontalPodAutoscaler({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        spec: { maxReplicas: 3, behavior: { custom: 1 } },
      })
      .build();
    await kubectl(['create', '-f', '-'], JSON.stringify(fn));
    const stored = JSON.parse(
      await kubectl(['get', 'function', 'roundtrip', '-n', namespace, '-o', 'json']),
    ) as AnyKubelessResource;
    expect(stored.spec).toEqual(fn.spec);
  });

  it('shows the printer columns, READY from the Ready condition', async () => {
    await kubectl(
      ['create', '-f', '-'],
      JSON.stringify(
        aFunction().named('columns').inNamespace(namespace).withRuntime('python3.12').withHandler('app.main').build(),
      ),
    );
    const status = {
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Available',
            message: 'ok',
            lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          },
        ],
      },
    };
    await kubectl([
      'patch',
      'function',
      'columns',
      '-n',
      namespace,
      '--subresource=status',
      '--type=merge',
      '-p',
      JSON.stringify(status),
    ]);
    const table = await kubectl(['get', 'functions', 'columns', '-n', namespace]);
    const [header, row] = table.trim().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'RUNTIME', 'HANDLER', 'READY', 'AGE']);
    expect(row?.split(/\s+/).slice(0, 4)).toEqual(['columns', 'python3.12', 'app.main', 'True']);
  });

  it('shows trigger columns and lists everything under the kubeless category', async () => {
    await kubectl(
      ['create', '-f', '-'],
      JSON.stringify(
        anHTTPTrigger().named('web').inNamespace(namespace).forFunction('columns').withHost('web.example.com').build(),
      ),
    );
    await kubectl(
      ['create', '-f', '-'],
      JSON.stringify(
        aCronJobTrigger()
          .named('tick')
          .inNamespace(namespace)
          .forFunction('columns')
          .withSchedule('@hourly')
          .withPayload([1, 'a'])
          .build(),
      ),
    );
    await kubectl(
      ['create', '-f', '-'],
      JSON.stringify(aKafkaTrigger().named('events').inNamespace(namespace).withTopic('orders').build()),
    );
    const header = async (resource: string) =>
      (await kubectl(['get', resource, '-n', namespace]))
        .split('\n')[0]
        ?.trim()
        .split(/\s{2,}/);
    expect(await header('httptriggers')).toEqual(['NAME', 'FUNCTION', 'HOST', 'READY', 'AGE']);
    expect(await header('cronjobtriggers')).toEqual(['NAME', 'FUNCTION', 'SCHEDULE', 'LAST SCHEDULE', 'READY', 'AGE']);
    expect(await header('kafkatriggers')).toEqual(['NAME', 'TOPIC', 'READY', 'AGE']);
    const all = await kubectl(['get', 'kubeless', '-n', namespace, '-o', 'name']);
    expect(all.trim().split('\n').sort()).toEqual(
      [
        'cronjobtrigger.kubeless.io/tick',
        'function.kubeless.io/columns',
        'function.kubeless.io/roundtrip',
        'httptrigger.kubeless.io/web',
        'kafkatrigger.kubeless.io/events',
      ].sort(),
    );
  });

  const invalid: [string, AnyKubelessResource, string][] = [
    [
      'a handler with two dots',
      aFunction().named('bad-handler').withHandler('a.b.c').build(),
      'spec.handler: Invalid value: "string": incorrect handler format. It should be module_name.handler_name',
    ],
    [
      'a non-sha256 checksum',
      aFunction().named('bad-checksum').withChecksum('md5:abc').build(),
      'spec.checksum: Invalid value: "string": expected "sha256:" followed by 64 lowercase hex characters',
    ],
    [
      'a timeout with a unit',
      aFunction().named('bad-timeout').withTimeout('10s').build(),
      'spec.timeout: Invalid value: "string": expected a positive whole number of seconds as a string',
    ],
    [
      'an unknown content type',
      aFunction().named('bad-type').withCode('x', 'gzip').build(),
      'spec.function-content-type: Invalid value: "string": expected text, base64 or url',
    ],
    [
      'a Function name that is no DNS label',
      aFunction().named('bad.name').build(),
      'metadata.name: Invalid value: "string": a Function name must be a DNS-1123 label',
    ],
    [
      'tls with tls-secret',
      anHTTPTrigger().named('bad-tls').withHost('a.example.com').withTlsAcme().withTlsSecret('mine').build(),
      'tls (ACME certificate) and tls-secret (your own certificate) are mutually exclusive',
    ],
    [
      'kong with basic auth',
      anHTTPTrigger()
        .named('bad-kong')
        .withGateway('kong')
        .withHost('a.example.com')
        .withBasicAuthSecret('users')
        .build(),
      'basic-auth-secret is not supported with the kong gateway',
    ],
    [
      'an unknown gateway',
      anHTTPTrigger()
        .named('bad-gateway')
        .withSpec({ gateway: 'envoy' as never })
        .build(),
      'spec.gateway: Unsupported value: "envoy": supported values: "nginx", "traefik", "kong"',
    ],
    [
      'a cron trigger without schedule',
      aCronJobTrigger()
        .named('bad-cron')
        .withSpec({ schedule: undefined as never })
        .build(),
      'spec.schedule: Required value',
    ],
    [
      'an unknown concurrency policy',
      aCronJobTrigger()
        .named('bad-policy')
        .withConcurrencyPolicy('Sometimes' as never)
        .build(),
      'spec.concurrencyPolicy: Unsupported value: "Sometimes"',
    ],
    [
      'a topic with spaces',
      aKafkaTrigger().named('bad-topic').withTopic('my topic').build(),
      'spec.topic: Invalid value: "string": a Kafka topic may only contain letters, digits',
    ],
    [
      'an unknown selector operator',
      aKafkaTrigger()
        .named('bad-op')
        .matchingExpression({ key: 'a', operator: 'Near' as never, values: ['x'] })
        .build(),
      'spec.functionSelector.matchExpressions[0].operator: Unsupported value: "Near"',
    ],
  ];

  it.each(invalid)(
    'rejects %s server-side with a readable message, as the client-side check does',
    async (_name, resource, message) => {
      const object = { ...resource, metadata: { ...resource.metadata, namespace } };
      expect(await createRejection(object)).toContain(message);
      expect(parseResource(object).ok).toBe(false);
    },
  );

  it('rejects unknown spec fields (kubectl strict field validation)', async () => {
    const fn = aFunction()
      .named('typo')
      .withSpec({ functionName: 'x' } as never)
      .build();
    expect(await createRejection({ ...fn, metadata: { ...fn.metadata, namespace } })).toContain(
      'unknown field "spec.functionName"',
    );
  });
});
