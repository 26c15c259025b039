import { eventually, useControllerCluster } from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { readKubelessConfig } from '@kubeless-ts/k8s';
import { httpTriggerControllerApp } from '../test/app-under-test.js';
import { createFunctionWithService, ingressOf, readyOf, startInProcess, trigger } from '../test/http-trigger-env.js';
import { TriggerReasons } from './trigger-reasons.js';

const SNIPPET = 'nginx.ingress.kubernetes.io/server-snippet';

describe('HTTPTrigger annotations the Ingress may get, against the real API server', () => {
  const cluster = useControllerCluster(httpTriggerControllerApp, {
    admin: 'http-trigger-annotations-int',
    prefix: 'hta',
  });
  let admin: KubeClients;
  let controllerNamespace: string;

  beforeAll(() => {
    ({ admin, controllerNamespace } = cluster);
  });

  async function start(allowedAnnotations?: readonly string[]): Promise<string> {
    return (await startInProcess(cluster, { allowedAnnotations })).ns;
  }

  it("refuses a snippet and another namespace's auth Secret by default, naming them, and takes down a route that gains one", async () => {
    const ns = await start();
    await createFunctionWithService(admin, ns, 'hello');
    const snippet = trigger(ns, 'snippet', 'hello').build();
    snippet.metadata.annotations = { [SNIPPET]: 'location /x { alias /etc/; }' };
    const foreign = trigger(ns, 'foreign', 'hello').build();
    foreign.metadata.annotations = {
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
      'nginx.ingress.kubernetes.io/auth-secret': 'kube-system/admins',
    };
    await admin.httpTriggers.create(snippet);
    await admin.httpTriggers.create(foreign);
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'snippet')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.ANNOTATION_NOT_ALLOWED,
        message: expect.stringContaining(
          `annotation ${SNIPPET} is not in kubeless-config http-trigger-allowed-annotations`,
        ),
      }),
    );
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'foreign')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.ANNOTATION_NOT_ALLOWED,
        message: expect.stringContaining('names a Secret in namespace "kube-system"'),
      }),
    );
    expect(await ingressOf(admin, ns, 'snippet')).toBeUndefined();
    expect(await ingressOf(admin, ns, 'foreign')).toBeUndefined();

    await admin.httpTriggers.create(trigger(ns, 'good', 'hello').withCors().build());
    await eventually(async () => expect(await ingressOf(admin, ns, 'good')).toBeDefined());
    await admin.httpTriggers.patch(
      'good',
      {
        type: 'merge',
        patch: { metadata: { annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'return 200;' } } },
      },
      { namespace: ns },
    );
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'good')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.ANNOTATION_NOT_ALLOWED,
      }),
    );
    await eventually(async () => expect(await ingressOf(admin, ns, 'good')).toBeUndefined());
  });

  it('copies a snippet once kubeless-config http-trigger-allowed-annotations names it', async () => {
    await admin.configMaps.create({
      metadata: { name: 'kubeless-config', namespace: controllerNamespace },
      data: { 'http-trigger-allowed-annotations': `nginx.ingress.kubernetes.io/rewrite-target,${SNIPPET}` },
    });
    const config = await readKubelessConfig(admin.configMaps, { namespace: controllerNamespace });
    const ns = await start(config.httpTriggerAllowedAnnotations);
    await createFunctionWithService(admin, ns, 'hello');
    const allowed = trigger(ns, 'snippet', 'hello').build();
    allowed.metadata.annotations = { [SNIPPET]: 'add_header X-Trace 1;' };
    await admin.httpTriggers.create(allowed);
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'snippet')).toMatchObject({
        status: 'True',
        reason: TriggerReasons.INGRESS_READY,
      }),
    );
    expect((await ingressOf(admin, ns, 'snippet'))?.metadata?.annotations).toEqual({
      'nginx.ingress.kubernetes.io/rewrite-target': '/',
      [SNIPPET]: 'add_header X-Trace 1;',
    });
  });
});
