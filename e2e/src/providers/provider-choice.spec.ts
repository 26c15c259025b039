import { providerFromEnv, unavailableIsFailure } from './provider-choice.js';

describe('providerFromEnv', () => {
  it('defaults to the local stack', () => {
    expect(providerFromEnv({})).toBe('local');
    expect(providerFromEnv({ E2E_PROVIDER: ' ' })).toBe('local');
  });

  it.each(['cluster', 'CLUSTER', 'testcontainers'])('accepts %s', (value) => {
    expect(providerFromEnv({ E2E_PROVIDER: value })).toBe(value.toLowerCase());
  });

  it('names the providers when the value is unknown', () => {
    expect(() => providerFromEnv({ E2E_PROVIDER: 'kind' })).toThrow('E2E_PROVIDER=kind is not a provider; use one of local, cluster, testcontainers');
  });
});

describe('unavailableIsFailure', () => {
  it('is off unless E2E_REQUIRE_PROVIDER asks for it', () => {
    expect(unavailableIsFailure({})).toBe(false);
    expect(unavailableIsFailure({ E2E_REQUIRE_PROVIDER: '0' })).toBe(false);
    expect(unavailableIsFailure({ E2E_REQUIRE_PROVIDER: 'true' })).toBe(true);
  });
});
