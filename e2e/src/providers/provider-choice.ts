import { Providers, type ProviderName } from './e2e-target.js';

/** `E2E_PROVIDER`, defaulting to the local stack; anything else is a mistake worth a clear message. */
export function providerFromEnv(env: Readonly<Record<string, string | undefined>>): ProviderName {
  const raw = (env['E2E_PROVIDER'] ?? '').trim().toLowerCase();
  if (raw === '') return Providers.LOCAL;
  const known = Object.values(Providers);
  const match = known.find((p) => p === raw);
  if (match === undefined) throw new Error(`E2E_PROVIDER=${raw} is not a provider; use one of ${known.join(', ')}`);
  return match;
}
