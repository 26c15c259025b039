import type { KubeClients, Pod } from '@kubeless-ts/k8s';

/**
 * Where no kubelet runs the pods (the shared control plane has none), reports every pod of the
 * function Ready through the status subresource, exactly as a kubelet would, so the real
 * ReplicaSet and Deployment controllers count them; resolves to the pods it reported.
 */
export async function reportPodsReady(clients: KubeClients, namespace: string, fn: string): Promise<Pod[]> {
  const pods = (await clients.pods.list({ namespace, labelSelector: `function=${fn}` })).items;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const pod of pods) {
    const status = {
      phase: 'Running',
      startTime: now,
      podIP: '10.0.0.10',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
        lastTransitionTime: now,
      })),
      containerStatuses: (pod.spec?.containers ?? []).map((container) => ({
        name: container.name,
        ready: true,
        started: true,
        restartCount: 0,
        image: container.image ?? '',
        imageID: '',
        state: { running: { startedAt: now } },
      })),
    };
    await clients.pods.patchStatus(pod.metadata?.name ?? '', { type: 'merge', patch: { status } }, { namespace });
  }
  return pods;
}
