import { kubeletConfig } from './kubelet.js';
import { CLUSTER_DNS_IP, NODE_IP } from './node-network.js';

describe('kubelet config', () => {
  const config = kubeletConfig({
    caFile: '/ca',
    tlsCertFile: '/crt',
    tlsKeyFile: '/key',
    containerdSocket: '/sock',
    port: 10250,
    healthzPort: 10248,
  }) as Record<string, unknown>;

  it('authenticates callers by the test CA and authorises by webhook, with no anonymous or read-only access', () => {
    expect(config['authentication']).toEqual({
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: '/ca' },
    });
    expect(config['authorization']).toEqual({ mode: 'Webhook' });
    expect(config['readOnlyPort']).toBe(0);
  });

  it('serves on the node address with its own certificate and talks to our containerd', () => {
    expect(config['address']).toBe(NODE_IP);
    expect(config['tlsCertFile']).toBe('/crt');
    expect(config['containerRuntimeEndpoint']).toBe('unix:///sock');
    expect(config['cgroupDriver']).toBe('cgroupfs');
  });

  it('points pods at the cluster DNS Service', () => {
    expect(config['clusterDNS']).toEqual([CLUSTER_DNS_IP]);
    expect(config['clusterDomain']).toBe('cluster.local');
  });
});
