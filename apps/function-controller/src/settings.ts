import { parseControllerSettings, type ControllerSettings } from '@kubeless-ts/controller-kit';
import { runtimeImageOverrides, type RuntimeImageOverrides } from './function-runtime.js';

/** The kit's controller settings plus the `<RUNTIME>_RUNTIME` image overrides of Kubeless. */
export interface Settings extends ControllerSettings {
  readonly runtimeImageOverrides: RuntimeImageOverrides;
}

const SPEC = {
  name: 'function-controller',
  defaultHealthPort: 8081,
  environment: ['<RUNTIME>_RUNTIME (e.g. NODEJS24_RUNTIME=registry/image:tag): image overrides'],
  // The namespace comes from kubeless-config's functions-namespace, read live.
  without: ['watch-namespace'],
} as const;

/** Parses argv (without node and script) and env; throws a KBL_ERR_USAGE error naming the bad input. */
export function readSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Settings {
  return { ...parseControllerSettings(SPEC, argv, env).settings, runtimeImageOverrides: runtimeImageOverrides(env) };
}
