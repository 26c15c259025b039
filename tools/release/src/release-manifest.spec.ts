import { chartAppsOf, versionOf } from './release-manifest.js';

const chartYaml = (version: string, appVersion: string) =>
  `apiVersion: v2\nname: kubeless\nversion: ${version}\nappVersion: "${appVersion}"\ndependencies:\n  - name: kubeless-crds\n    version: ${version}\n  - name: function-controller\n    version: ${version}\n  - name: kafka-consumer\n    version: ${version}\n`;

describe('the release version', () => {
  it('is the root package.json version', () => {
    expect(versionOf('{"name":"kubeless-ts","version":"1.2.3-rc.1"}')).toBe('1.2.3-rc.1');
    expect(() => versionOf('{"name":"kubeless-ts"}')).toThrow(
      expect.objectContaining({ code: 'KBL_ERR_RELEASE', step: 'options' }),
    );
  });

  it('must be the chart version and appVersion; the chart apps are its dependencies but the CRDs', () => {
    expect(chartAppsOf(chartYaml('1.2.3', '1.2.3'), '1.2.3')).toEqual(['function-controller', 'kafka-consumer']);
    expect(() => chartAppsOf(chartYaml('1.2.3', '1.2.2'), '1.2.3')).toThrow(
      expect.objectContaining({ step: 'chart', hint: expect.stringContaining('deploy:sync') }),
    );
  });
});
