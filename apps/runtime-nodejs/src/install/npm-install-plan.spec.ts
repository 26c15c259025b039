import { InstallConfigError, parseConfigExtra, planNpmInstall } from './npm-install-plan.js';

describe('planNpmInstall', () => {
  it('installs production deps into the install volume', () => {
    const plan = planNpmInstall({ KUBELESS_INSTALL_VOLUME: '/kubeless', TMPDIR: '/tmp' });
    expect(plan).toEqual({
      command: 'npm',
      args: [
        'install',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--no-update-notifier',
        '--prefix=/kubeless',
        '--cache=/tmp/kubeless-npm-cache',
      ],
      installVolume: '/kubeless',
      copyDepsFrom: undefined,
    });
  });

  it('honours NPM_REGISTRY, with NPM_SCOPE for a scoped registry', () => {
    expect(planNpmInstall({ NPM_REGISTRY: 'https://npm.example/repo/' }).args).toContain(
      '--registry=https://npm.example/repo/',
    );
    expect(planNpmInstall({ NPM_REGISTRY: 'https://npm.example/', NPM_SCOPE: 'acme' }).args).toContain(
      '--@acme:registry=https://npm.example/',
    );
  });

  it('copies a deps file that is not in the volume', () => {
    expect(
      planNpmInstall({ KUBELESS_INSTALL_VOLUME: '/v', KUBELESS_DEPS_FILE: '/src/package.json' }).copyDepsFrom,
    ).toBe('/src/package.json');
  });

  it.each([
    [{ NPM_REGISTRY: 'https://x.example/; rm -rf /' }],
    [{ NPM_REGISTRY: 'file:///etc' }],
    [{ NPM_REGISTRY: '$(id)' }],
    [{ NPM_SCOPE: 'acme' }],
    [{ NPM_REGISTRY: 'https://x.example/', NPM_SCOPE: 'acme;id' }],
    [{ KUBELESS_INSTALL_VOLUME: 'relative' }],
    [{ NPM_CONFIG_EXTRA: 'script-shell=/bin/evil' }],
    [{ NPM_CONFIG_EXTRA: '$(id)=1' }],
  ])('refuses %j', (env) => {
    expect(() => planNpmInstall(env)).toThrow(InstallConfigError);
  });
});

describe('parseConfigExtra', () => {
  it('accepts key=value words and the original "key value" form, as single arguments', () => {
    expect(parseConfigExtra('strict-ssl=false fetch-retries=5')).toEqual(['--strict-ssl=false', '--fetch-retries=5']);
    expect(parseConfigExtra('strict-ssl false')).toEqual(['--strict-ssl=false']);
    expect(parseConfigExtra('always-auth')).toEqual(['--always-auth=true']);
    expect(parseConfigExtra('  ')).toEqual([]);
    expect(parseConfigExtra('ca=a;b')).toEqual(['--ca=a;b']);
  });
});
