import { containerdConfig, localRegistryHosts, registryMirrorHosts } from './containerd.js';

describe('containerd config', () => {
  const config = containerdConfig({
    dataDir: '/d',
    logFile: '/d/log',
    registry: '10.231.0.1:5000',
    sandboxImage: 'kubeless-ts/pause:3.10',
    cniConfDir: '/d/net.d',
    cniBinDir: '/usr/lib/cni',
    root: '/d/root',
    state: '/d/state',
    socket: '/d/containerd.sock',
    hostsDir: '/d/certs.d',
  });

  it('uses its own root, state and socket, never the machine-wide ones', () => {
    expect(config).toContain('root = "/d/root"');
    expect(config).toContain('state = "/d/state"');
    expect(config).toContain('address = "/d/containerd.sock"');
  });

  it('restricts oom_score_adj (the VM withholds CAP_SYS_RESOURCE) and names a local sandbox image', () => {
    expect(config).toContain('restrict_oom_score_adj = true');
    expect(config).toContain('sandbox_image = "kubeless-ts/pause:3.10"');
  });

  it('reads registry hosts from its own folder', () => {
    expect(config).toContain('config_path = "/d/certs.d"');
  });

  it('pulls the local registry by its own name over plain HTTP (a host entry: containerd 1.6 ignores the scheme of a bare server)', () => {
    expect(localRegistryHosts('10.231.0.1:5000')).toContain(
      '[host."http://10.231.0.1:5000"]\n  capabilities = ["pull", "resolve"]',
    );
  });

  it('mirrors docker.io to the local registry over plain HTTP', () => {
    const hosts = registryMirrorHosts('10.231.0.1:5000');
    expect(hosts).toContain('[host."http://10.231.0.1:5000"]');
    expect(hosts).toContain('capabilities = ["pull", "resolve"]');
  });
});
