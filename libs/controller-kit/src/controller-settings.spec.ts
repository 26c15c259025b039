import { HelpRequested, controllerUsage, parseControllerSettings } from './controller-settings.js';

const spec = {
  name: 'demo-controller',
  defaultHealthPort: 8081,
  flags: { 'topic-recheck-seconds': '[--topic-recheck-seconds 5]' },
} as const;

describe('parseControllerSettings', () => {
  it('gives every controller the same defaults', () => {
    expect(parseControllerSettings(spec, [], {})).toMatchObject({
      settings: {
        kubeconfig: undefined,
        controllerNamespace: 'kubeless',
        configName: 'kubeless-config',
        watchNamespace: undefined,
        healthHost: '0.0.0.0',
        healthPort: 8081,
        leaderElect: true,
        workers: 2,
        logLevel: 'info',
      },
      flags: {},
    });
  });

  it('reads the common flags and the Kubeless environment, flags winning', () => {
    const { settings } = parseControllerSettings(
      spec,
      [
        '--leader-elect=false',
        '--health-port',
        '0',
        '--health-host=127.0.0.1',
        '--kubeconfig',
        '/k',
        '--workers=4',
        '--watch-namespace=fns',
        '--log-level=WARN',
      ],
      {
        KUBELESS_NAMESPACE: 'kl',
        KUBELESS_CONFIG: 'cfg',
        KUBELESS_LOG_LEVEL: 'debug',
        KUBELESS_WATCH_NAMESPACE: 'other',
        HEALTH_PORT: '9',
      },
    );
    expect(settings).toEqual({
      kubeconfig: '/k',
      controllerNamespace: 'kl',
      configName: 'cfg',
      watchNamespace: 'fns',
      healthHost: '127.0.0.1',
      healthPort: 0,
      leaderElect: false,
      workers: 4,
      logLevel: 'warn',
    });
  });

  it('takes the environment when no flag is given', () => {
    const { settings } = parseControllerSettings(spec, [], {
      KUBELESS_LOG_LEVEL: 'DEBUG',
      KUBELESS_WATCH_NAMESPACE: 'other',
      HEALTH_PORT: '9090',
    });
    expect(settings).toMatchObject({ logLevel: 'debug', watchNamespace: 'other', healthPort: 9090 });
  });

  it('hands back the process own flags as given', () => {
    expect(parseControllerSettings(spec, ['--topic-recheck-seconds=7'], {}).flags).toEqual({
      'topic-recheck-seconds': '7',
    });
  });

  it.each([
    [['--health-port', 'http'], '--health-port must be a whole number from 0 to 65535, got "http"'],
    [['--health-port='], '--health-port must be a whole number from 0 to 65535, got ""'],
    [['--workers=0'], '--workers must be a whole number from 1 to 64, got "0"'],
    [['--leader-elect=maybe'], '--leader-elect must be true or false, got "maybe"'],
    [['--log-level=loud'], 'log level must be one of trace, debug, info, warn, error, fatal, silent, got "loud"'],
    [['--unknown'], "Unknown option '--unknown'"],
    [['extra'], 'Unexpected argument'],
  ])('refuses %j with a usage error naming it', (argv, message) => {
    let caught: unknown;
    try {
      parseControllerSettings(spec, argv, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'KBL_ERR_USAGE',
      message: expect.stringContaining(message),
      hint: expect.stringContaining('usage: demo-controller'),
    });
  });

  it.each([['--help'], ['-h'], ['--workers=3', '--help']])('answers %j with the usage, not an error', (...argv) => {
    let caught: unknown;
    try {
      parseControllerSettings(spec, argv, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HelpRequested);
    expect(caught).toMatchObject({ usage: expect.stringContaining('usage: demo-controller') });
  });

  it('refuses the common flags a process goes without instead of ignoring them', () => {
    const without = {
      name: 'kafka-consumer',
      defaultHealthPort: 8080,
      without: ['watch-namespace', 'leader-elect', 'workers'],
    } as const;
    for (const flag of ['--watch-namespace=x', '--leader-elect=false', '--workers=3']) {
      expect(() => parseControllerSettings(without, [flag], {})).toThrow(`Unknown option '${flag.split('=')[0]}'`);
    }
    expect(
      parseControllerSettings(without, [], { KUBELESS_WATCH_NAMESPACE: 'x' }).settings.watchNamespace,
    ).toBeUndefined();
    expect(controllerUsage(without)).not.toContain('--workers');
  });

  it('builds usage errors for the process own settings with the same hint', () => {
    const { usageError } = parseControllerSettings(spec, [], {});
    expect(usageError('--topic-recheck-seconds must be …')).toMatchObject({
      code: 'KBL_ERR_USAGE',
      hint: expect.stringContaining('[--topic-recheck-seconds 5]'),
    });
  });
});
