import { parseSettings } from './settings.js';

describe('parseSettings', () => {
  it('defaults to leader election, port 8080 and the kubeless namespace', () => {
    expect(parseSettings([], {})).toEqual({
      kubeconfig: undefined,
      controllerNamespace: 'kubeless',
      configName: 'kubeless-config',
      watchNamespace: undefined,
      healthHost: '0.0.0.0',
      healthPort: 8080,
      leaderElect: true,
      workers: 2,
      logLevel: 'info',
    });
  });

  it('reads flags and the Kubeless environment variables', () => {
    const settings = parseSettings(
      ['--leader-elect=false', '--health-port', '0', '--kubeconfig', '/k', '--workers=4'],
      { KUBELESS_NAMESPACE: 'kl', KUBELESS_CONFIG: 'cfg', KUBELESS_LOG_LEVEL: 'debug' },
    );
    expect(settings).toMatchObject({
      leaderElect: false,
      healthPort: 0,
      kubeconfig: '/k',
      workers: 4,
      controllerNamespace: 'kl',
      configName: 'cfg',
      logLevel: 'debug',
    });
  });

  it('rejects bad values with a message naming the flag', () => {
    expect(() => parseSettings(['--health-port', 'http'], {})).toThrow(
      '--health-port must be a whole number from 0 to 65535, got "http"',
    );
    expect(() => parseSettings(['--leader-elect=maybe'], {})).toThrow('--leader-elect must be true or false');
    expect(() => parseSettings(['--unknown'], {})).toThrow(/Unknown option '--unknown'/);
  });
});
