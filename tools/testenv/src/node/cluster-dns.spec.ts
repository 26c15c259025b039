import { CLUSTER_DNS_DEFAULTS, corefile, dnsServiceObjects } from './cluster-dns.js';

const aCorefile = (overrides: Partial<Parameters<typeof corefile>[0]> = {}) =>
  corefile({
    listenAddress: '10.231.0.1',
    port: 53,
    clusterDomain: 'cluster.local',
    kubeconfigFile: '/data/coredns/kubeconfig',
    healthPort: 18080,
    readyPort: 18181,
    upstream: '/etc/resolv.conf',
    ...overrides,
  });

describe('corefile', () => {
  it('binds the node address and serves the cluster domain and reverse zones from the apiserver', () => {
    const text = aCorefile();
    expect(text).toMatch(/^\.:53 \{\n {4}bind 10\.231\.0\.1\n/);
    expect(text).toContain(
      'kubernetes cluster.local in-addr.arpa ip6.arpa {\n        kubeconfig /data/coredns/kubeconfig\n',
    );
    expect(text).toContain('fallthrough in-addr.arpa ip6.arpa');
  });

  it('keeps health and ready on loopback and forwards the rest upstream with a cache', () => {
    const text = aCorefile({ upstream: '127.0.0.1:5353' });
    expect(text).toContain('health 127.0.0.1:18080');
    expect(text).toContain('ready 127.0.0.1:18181');
    expect(text).toContain('forward . 127.0.0.1:5353');
    expect(text).toContain('cache 30');
  });

  it('serves another domain and port when asked', () => {
    expect(aCorefile({ port: 1053, clusterDomain: 'example.internal' })).toMatch(
      /^\.:1053 \{[\s\S]*kubernetes example\.internal in-addr\.arpa/,
    );
  });
});

describe('dnsServiceObjects', () => {
  it('publishes kube-system/kube-dns at 10.0.0.10 on port 53 UDP and TCP, without a selector', () => {
    const [service] = dnsServiceObjects({
      service: CLUSTER_DNS_DEFAULTS.service,
      listenAddress: '10.231.0.1',
      port: 53,
    });
    expect(service.metadata).toMatchObject({ namespace: 'kube-system', name: 'kube-dns' });
    expect(service.spec?.clusterIP).toBe('10.0.0.10');
    expect(service.spec?.selector).toBeUndefined();
    expect(service.spec?.ports?.map((p) => `${p.name}/${p.protocol}/${p.port}`)).toEqual([
      'dns/UDP/53',
      'dns-tcp/TCP/53',
    ]);
  });

  it('points an EndpointSlice of the Service at the host process, with its real port', () => {
    const [, slice] = dnsServiceObjects({
      service: CLUSTER_DNS_DEFAULTS.service,
      listenAddress: '10.231.0.1',
      port: 1053,
    });
    expect(slice.metadata?.labels?.['kubernetes.io/service-name']).toBe('kube-dns');
    expect(slice.endpoints).toEqual([
      { addresses: ['10.231.0.1'], conditions: { ready: true, serving: true, terminating: false } },
    ]);
    expect(slice.ports?.map((p) => `${p.name}/${p.protocol}/${p.port}`)).toEqual(['dns/UDP/1053', 'dns-tcp/TCP/1053']);
  });

  it('lets the apiserver allocate the cluster IP when none is asked for', () => {
    const [service] = dnsServiceObjects({
      service: { namespace: 'dns-test', name: 'dns' },
      listenAddress: '10.231.0.1',
      port: 53,
    });
    expect(service.spec).not.toHaveProperty('clusterIP');
  });
});
