import { mountsBelow } from './mounts.js';

describe('mountsBelow', () => {
  const table = [
    'overlay /tmp/run/node/containerd/state/a/rootfs overlay rw 0 0',
    'tmpfs /tmp/run/node/kubelet/root/pods/p/volumes/kubernetes.io~projected/token\\040x tmpfs rw 0 0',
    'tmpfs /tmp/run/nodeother tmpfs rw 0 0',
    'proc /proc proc rw 0 0',
  ].join('\n');

  it('lists mounts at or below the folder, deepest first, with octal escapes decoded', () => {
    expect(mountsBelow('/tmp/run/node', table)).toEqual([
      '/tmp/run/node/kubelet/root/pods/p/volumes/kubernetes.io~projected/token x',
      '/tmp/run/node/containerd/state/a/rootfs',
    ]);
  });
});
