import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POD_BRIDGE, POD_CIDR, POD_GATEWAY } from './node-network.js';

/** Where Debian's containernetworking-plugins puts the CNI binaries. */
export const CNI_BIN_DIR = '/usr/lib/cni';

/**
 * bridge + host-local + portmap + firewall: every pod gets an address on one
 * bridge, the host is its gateway, and traffic leaving the pod range is
 * masqueraded (functions install dependencies from package registries).
 * host-local keeps its allocations under the run's own folder, so addresses
 * are never leaked across runs.
 */
export function podNetworkConfList(ipamDataDir: string): object {
  return {
    cniVersion: '1.0.0',
    name: 'kubeless-ts-pods',
    plugins: [
      {
        type: 'bridge',
        bridge: POD_BRIDGE,
        isGateway: true,
        ipMasq: true,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          dataDir: ipamDataDir,
          ranges: [[{ subnet: POD_CIDR, gateway: POD_GATEWAY }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
      // Accepts the pods' forwarded traffic even where FORWARD's policy is DROP (as a Docker engine leaves it).
      { type: 'firewall', backend: 'iptables' },
    ],
  };
}

/** Writes the conflist; returns the config folder containerd reads. */
export function writePodNetworkConfig(dataDir: string): string {
  const confDir = join(dataDir, 'net.d');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(
    join(confDir, '10-kubeless-ts.conflist'),
    JSON.stringify(podNetworkConfList(join(dataDir, 'ipam')), null, 2),
  );
  return confDir;
}
