import { parseSettings } from './settings.js';

describe('parseSettings', () => {
  it('defaults to leader election on, the kubeless namespace and a 5 s topic re-check', () => {
    expect(parseSettings([], {})).toEqual({
      kubeconfig: undefined,
      controllerNamespace: 'kubeless',
      configName: 'kubeless-config',
      watchNamespace: undefined,
      healthHost: '0.0.0.0',
      healthPort: 8081,
      leaderElect: true,
      workers: 2,
      logLevel: 'info',
      topicRecheckMs: 5000,
    });
  });

  it('reads flags and Kubeless env', () => {
    const settings = parseSettings(['--leader-elect=false', '--health-port=9000', '--topic-recheck-seconds=2'], {
      KUBELESS_NAMESPACE: 'kl',
      KUBELESS_LOG_LEVEL: 'DEBUG',
      KUBELESS_WATCH_NAMESPACE: 'fns',
    });
    expect(settings).toMatchObject({
      leaderElect: false,
      healthPort: 9000,
      topicRecheckMs: 2000,
      controllerNamespace: 'kl',
      logLevel: 'debug',
      watchNamespace: 'fns',
    });
  });

  it('rejects unknown flags and bad values with KBL_ERR_USAGE', () => {
    expect(() => parseSettings(['--nope'], {})).toThrow(expect.objectContaining({ code: 'KBL_ERR_USAGE' }));
    expect(() => parseSettings(['--leader-elect=maybe'], {})).toThrow('must be true or false');
    expect(() => parseSettings(['--topic-recheck-seconds=0'], {})).toThrow(
      '--topic-recheck-seconds must be a whole number from 1 to 3600',
    );
  });
});
