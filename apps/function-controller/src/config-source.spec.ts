import { defaultKubelessConfigData } from '@kubeless-ts/api';
import type { ConfigMap } from '@kubeless-ts/k8s';
import { ConfigSource } from './config-source.js';

function lookupOf(configMap: ConfigMap | undefined): {
  get: () => ConfigMap | undefined;
  set: (next: ConfigMap | undefined) => void;
} {
  let current = configMap;
  return { get: () => current, set: (next) => (current = next) };
}

const configMap = (resourceVersion: string, data: Record<string, string>): ConfigMap => ({
  metadata: { name: 'kubeless-config', namespace: 'kubeless', resourceVersion },
  data,
});

describe('ConfigSource', () => {
  it('falls back to the built-in defaults while the ConfigMap is missing', () => {
    const state = new ConfigSource(lookupOf(undefined), 'kubeless/kubeless-config').current();
    expect(state.ok && state.fromDefaults).toBe(true);
    expect(state.ok && state.config.runtimeImages.map((runtime) => runtime.ID)).toEqual([
      'nodejs',
      'python',
      'go',
      'ruby',
      'php',
      'java',
    ]);
  });

  it('reports an invalid ConfigMap as InvalidConfig with the reason', () => {
    const state = new ConfigSource(
      lookupOf(configMap('1', { 'runtime-images': 'not json' })),
      'kubeless/kubeless-config',
    ).current();
    expect(state.ok).toBe(false);
    expect(!state.ok && state.problem.reason).toBe('InvalidConfig');
    expect(!state.ok && state.problem.message).toContain('runtime-images');
  });

  it('parses once per version and follows edits', () => {
    const lookup = lookupOf(configMap('1', defaultKubelessConfigData({ provisionImage: 'a/provision:1' })));
    const source = new ConfigSource(lookup, 'kubeless/kubeless-config');
    const first = source.current();
    expect(source.current()).toBe(first);
    lookup.set(configMap('2', defaultKubelessConfigData({ provisionImage: 'b/provision:2' })));
    const second = source.current();
    expect(second.ok && second.config.provisionImage).toBe('b/provision:2');
  });
});
