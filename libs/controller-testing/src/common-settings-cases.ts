/** The settings every controller process reads the kit's way, checked on one app's own parser. */
import type { ControllerSettings } from '@kubeless-ts/controller-kit';

export type SettingsParser = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
) => ControllerSettings;

/**
 * Registers the cases of the common settings: defaults (with the app's health port and its own settings'
 * defaults), flags and Kubeless environment variables, and refused values named by their flag.
 */
export function itReadsTheCommonControllerSettings(
  parse: SettingsParser,
  defaults: { readonly healthPort: number; readonly own?: Readonly<Record<string, unknown>> },
): void {
  it(`defaults to leader election, port ${defaults.healthPort} and the kubeless namespace`, () => {
    expect(parse([], {})).toEqual({
      kubeconfig: undefined,
      controllerNamespace: 'kubeless',
      configName: 'kubeless-config',
      watchNamespace: undefined,
      healthHost: '0.0.0.0',
      healthPort: defaults.healthPort,
      leaderElect: true,
      workers: 2,
      logLevel: 'info',
      ...defaults.own,
    });
  });

  it('reads flags and the Kubeless environment variables', () => {
    const settings = parse(['--leader-elect=false', '--health-port', '0', '--kubeconfig', '/k', '--workers=4'], {
      KUBELESS_NAMESPACE: 'kl',
      KUBELESS_CONFIG: 'cfg',
      KUBELESS_LOG_LEVEL: 'debug',
    });
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
    expect(() => parse(['--health-port', 'http'], {})).toThrow(
      '--health-port must be a whole number from 0 to 65535, got "http"',
    );
    expect(() => parse(['--leader-elect=maybe'], {})).toThrow('--leader-elect must be true or false');
    expect(() => parse(['--unknown'], {})).toThrow(/Unknown option '--unknown'/);
  });
}
