import { itReadsTheCommonControllerSettings } from '@kubeless-ts/controller-testing';
import { readSettings } from './settings.js';

describe('readSettings', () => {
  itReadsTheCommonControllerSettings(readSettings, { healthPort: 8081, own: { runtimeImageOverrides: {} } });

  it('reads env with Kubeless names, flags and <RUNTIME>_RUNTIME overrides', () => {
    const settings = readSettings(['--leader-elect=false', '--health-port', '0', '--kubeconfig', '/k'], {
      KUBELESS_NAMESPACE: 'kl',
      KUBELESS_CONFIG: 'cfg',
      'PYTHON3.12_RUNTIME': 'mirror/python:3.12',
      nodejs20_RUNTIME: 'mirror/node:20',
    });
    expect(settings).toMatchObject({
      kubeconfig: '/k',
      controllerNamespace: 'kl',
      configName: 'cfg',
      healthPort: 0,
      leaderElect: false,
    });
    expect(settings.runtimeImageOverrides).toEqual({ 'PYTHON3.12': 'mirror/python:3.12', NODEJS20: 'mirror/node:20' });
  });

  it.each([
    [['--workers', '0']],
    [['--leader-elect=maybe']],
    [['--bogus']],
    [['--health-port', 'x']],
    [['--watch-namespace', 'fns']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => readSettings(argv, {})).toThrow(expect.objectContaining({ code: 'KBL_ERR_USAGE' }));
  });
});
