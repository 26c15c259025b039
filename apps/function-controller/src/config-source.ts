import { defaultKubelessConfigData, formatIssue, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessConfig } from '@kubeless-ts/api';
import type { ConfigMap } from '@kubeless-ts/k8s';
import { ReadyReasons, type SpecProblem } from './ready-reasons.js';

export type ConfigState =
  | { readonly ok: true; readonly config: KubelessConfig; readonly fromDefaults: boolean }
  | { readonly ok: false; readonly problem: SpecProblem };

/** Reads the kubeless-config ConfigMap from the informer cache at reconcile time. */
export interface ConfigLookup {
  get(key: string): Readonly<ConfigMap> | undefined;
}

/**
 * The current kubeless-config, parsed once per version of the ConfigMap. A
 * missing ConfigMap means the built-in defaults (a controller started before
 * its Helm chart finished still works); an unparsable one stops every
 * Function with InvalidConfig and the reason, until it is fixed.
 */
export class ConfigSource {
  private cached: { version: string; state: ConfigState } | undefined;

  constructor(
    private readonly lookup: ConfigLookup,
    private readonly key: string,
  ) {}

  current(): ConfigState {
    const configMap = this.lookup.get(this.key);
    const version = configMap?.metadata?.resourceVersion ?? '<defaults>';
    if (this.cached?.version === version) return this.cached.state;
    const state = parseConfig(configMap?.data ?? undefined, configMap === undefined, this.key);
    this.cached = { version, state };
    return state;
  }
}

export function parseConfig(
  data: Readonly<Record<string, string>> | undefined,
  missing: boolean,
  key: string,
): ConfigState {
  const parsed = parseKubelessConfig(missing ? defaultKubelessConfigData() : data);
  if (parsed.ok) return { ok: true, config: parsed.value, fromDefaults: missing };
  return {
    ok: false,
    problem: {
      reason: ReadyReasons.INVALID_CONFIG,
      message: `the kubeless-config ConfigMap ${key} is invalid: ${parsed.issues.map(formatIssue).join('; ')}`,
    },
  };
}
