import { startControlPlane } from '@kubeless-ts/testenv';
import type { ControlPlane } from '@kubeless-ts/testenv';
import type { KubeClients } from './kube-clients.js';
import { createKubeClients } from './kube-clients.js';
import { listWatchFor } from './list-watch.js';
import { eventually } from '@kubeless-ts/test-support';

/**
 * Informers recover only if a watch notices that its API server went away.
 * This restarts a private API server under an open watch.
 */
describe('watch across an API server restart', () => {
  let plane: ControlPlane;
  let clients: KubeClients;

  beforeAll(async () => {
    plane = await startControlPlane({ controllerManager: false, scheduler: false });
    clients = await createKubeClients({ kubeconfig: plane.kubeconfigPath, fieldManager: 'k8s-int-restart', env: {} });
  }, 180_000);
  afterAll(async () => {
    clients.close();
    await plane.stop();
  });

  it('ends the open watch when the API server stops, and a new watch from the same resourceVersion sees later changes', async () => {
    const lw = listWatchFor(clients.configMaps, { namespace: 'default' });
    const controller = new AbortController();
    const listed = await lw.list(controller.signal);
    const first = lw
      .watch(listed.resourceVersion, () => undefined, controller.signal)
      .then(
        () => 'ended',
        (error: unknown) => (error as { code?: string }).code ?? 'unknown',
      );

    await plane.restartApiServer();
    // Ended by the server (resolved) or by the broken socket (mapped to UNREACHABLE): either way not hanging.
    let timer: NodeJS.Timeout | undefined;
    const stillOpen = new Promise((resolve) => {
      timer = setTimeout(() => resolve('still open'), 20_000);
    });
    await expect(Promise.race([first, stillOpen])).resolves.toMatch(/^(ended|KBL_ERR_UNREACHABLE)$/);
    clearTimeout(timer);

    const seen: string[] = [];
    const second = lw.watch(
      listed.resourceVersion,
      (type, obj) => seen.push(`${type} ${obj.metadata?.name}`),
      controller.signal,
    );
    await eventually(
      () => clients.configMaps.apply({ metadata: { name: 'after-restart', namespace: 'default' }, data: { a: '1' } }),
      30_000,
    );
    await eventually(() => expect(seen).toContain('ADDED after-restart'));
    controller.abort();
    await second;
  });
});
