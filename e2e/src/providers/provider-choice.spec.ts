import { providerFromEnv } from './provider-choice.js';

describe('providerFromEnv', () => {
  it('defaults to the local stack', () => {
    expect(providerFromEnv({})).toBe('local');
    expect(providerFromEnv({ E2E_PROVIDER: ' ' })).toBe('local');
  });

  it.each(['cluster', 'CLUSTER', 'node'])('accepts %s', (value) => {
    expect(providerFromEnv({ E2E_PROVIDER: value })).toBe(value.toLowerCase());
  });

  it('names the providers when the value is unknown', () => {
    expect(() => providerFromEnv({ E2E_PROVIDER: 'kind' })).toThrow(
      'E2E_PROVIDER=kind is not a provider; use one of local, node, cluster',
    );
  });
});
