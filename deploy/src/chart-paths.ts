import { join } from 'node:path';
import { UMBRELLA_CHART } from './chart-apps.js';

/** Relative to the workspace root. */
export const CHARTS_DIR = join('deploy', 'charts');
export const UMBRELLA_DIR = join(CHARTS_DIR, UMBRELLA_CHART);

/** A subchart of the umbrella, unpacked under its `charts/` folder. */
export function chartDir(name: string): string {
  return join(UMBRELLA_DIR, 'charts', name);
}

export function rulesFileOf(app: string): string {
  return `apps/${app}/rbac/rules.yaml`;
}
