/**
 * createKubeClients for short-lived programs: when the kubeconfig needs no
 * plugin, the static reader builds the transport and client-node is never
 * loaded; otherwise this is exactly createKubeClients.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { createKubeClients, KubeClients } from './kube-clients.js';
import type { KubeClientsOptions } from './kube-clients.js';
import { KubeConfigTransport } from './kubeconfig-transport.js';
import { loadStaticKubeconfig } from './static-kubeconfig.js';

export async function createLightKubeClients(options: KubeClientsOptions): Promise<KubeClients> {
  const loaded = loadStaticKubeconfig(options);
  if (loaded === undefined) return createKubeClients(options);
  // KubeConfigTransport calls only getCurrentCluster() and applyToHTTPSOptions(), which StaticCredentials provides.
  const credentials = loaded.credentials as unknown as KubeConfig;
  return new KubeClients(
    new KubeConfigTransport(credentials, options.requestTimeoutMs),
    loaded.info,
    options.fieldManager,
  );
}
