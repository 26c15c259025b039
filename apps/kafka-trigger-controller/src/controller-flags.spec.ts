import { parseControllerFlags } from './controller-flags.js';

describe('parseControllerFlags', () => {
  it('defaults to leader election on and the kubeless namespace', () => {
    expect(parseControllerFlags([], {})).toEqual({ healthPort: 8081, leaderElect: true, leaseNamespace: 'kubeless', configName: 'kubeless-config', watchNamespace: undefined, topicRecheckMs: 5000, kubeconfig: undefined, logLevel: 'info' });
  });

  it('reads flags and Kubeless env', () => {
    const flags = parseControllerFlags(['--leader-elect=false', '--health-port=9000', '--topic-recheck-seconds=2'], { KUBELESS_NAMESPACE: 'kl', KUBELESS_LOG_LEVEL: 'DEBUG' });
    expect(flags).toMatchObject({ leaderElect: false, healthPort: 9000, topicRecheckMs: 2000, leaseNamespace: 'kl', logLevel: 'debug' });
  });

  it('rejects unknown flags and bad values with KBL_ERR_USAGE', () => {
    expect(() => parseControllerFlags(['--nope'], {})).toThrow(expect.objectContaining({ code: 'KBL_ERR_USAGE' }));
    expect(() => parseControllerFlags(['--leader-elect=maybe'], {})).toThrow('must be true or false');
    expect(() => parseControllerFlags(['--health-port=0'], {})).toThrow('1..65535');
  });
});
