import { POD_BRIDGE, POD_CIDR } from './node-network.js';
import { podNetworkConfList } from './pod-network.js';

describe('pod network', () => {
  it('is a bridge with host-local addresses kept under the run, masquerade and hairpin, plus portmap', () => {
    const conf = podNetworkConfList('/run/ipam') as { plugins: Record<string, unknown>[] };
    const [bridge, portmap] = conf.plugins;
    expect(bridge).toMatchObject({
      type: 'bridge',
      bridge: POD_BRIDGE,
      isGateway: true,
      ipMasq: true,
      hairpinMode: true,
    });
    expect(bridge?.['ipam']).toMatchObject({
      type: 'host-local',
      dataDir: '/run/ipam',
      ranges: [[{ subnet: POD_CIDR }]],
    });
    expect(portmap).toMatchObject({ type: 'portmap' });
  });
});
