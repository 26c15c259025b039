import { parseControllerSettings, type ControllerSettings } from '@kubeless-ts/controller-kit';

export type Settings = ControllerSettings;

/** The kit's controller settings: this controller has no flags of its own. */
export function parseSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Settings {
  return parseControllerSettings({ name: 'http-trigger-controller', defaultHealthPort: 8080 }, argv, env).settings;
}
