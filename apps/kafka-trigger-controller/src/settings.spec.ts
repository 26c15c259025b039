import { itReadsTheCommonControllerSettings } from '@kubeless-ts/controller-testing';
import { parseSettings } from './settings.js';

describe('parseSettings', () => {
  itReadsTheCommonControllerSettings(parseSettings, { healthPort: 8081, own: { topicRecheckMs: 5000 } });

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
