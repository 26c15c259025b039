import { dockerEngine, dockerdArgs } from './docker-engine.js';

describe('dockerEngine', () => {
  it('keeps its state in the cache folder and its socket apart from the machine engine', () => {
    const engine = dockerEngine({ KUBELESS_TS_CACHE: '/c' });
    expect(engine.host).toBe('unix:///run/kubeless-ts-docker.sock');
    expect(engine.dataRoot).toBe('/c/docker/data');
    expect(engine.logFile).toBe('/c/docker/dockerd.log');
  });

  it('leaves iptables, forwarding and bridges to the node', () => {
    expect(dockerdArgs(dockerEngine({ KUBELESS_TS_CACHE: '/c' }))).toEqual(
      expect.arrayContaining(['--iptables=false', '--ip-forward=false', '--bridge=none']),
    );
  });
});
