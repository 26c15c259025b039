import { load } from 'js-yaml';
import { ReleaseError, ReleaseSteps } from './release-error.js';

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The project's one version, from the root package.json. */
export function versionOf(rootPackageJson: string): string {
  const manifest: unknown = JSON.parse(rootPackageJson);
  const version = isRecord(manifest) ? manifest['version'] : undefined;
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    throw new ReleaseError({
      step: ReleaseSteps.OPTIONS,
      message: `the root package.json has no semantic version: ${String(version)}`,
      hint: 'Set "version" in package.json, e.g. 1.2.3.',
    });
  }
  return version;
}

/**
 * The apps the umbrella chart deploys (its dependencies but the CRDs chart), after
 * checking that Chart.yaml carries the release version: it is generated from the
 * root package.json, so a mismatch means the charts were not re-synced.
 */
export function chartAppsOf(chartYaml: string, version: string): string[] {
  const chart: unknown = load(chartYaml);
  if (!isRecord(chart) || !Array.isArray(chart['dependencies']))
    throw new ReleaseError({
      step: ReleaseSteps.CHART,
      message: 'Chart.yaml has no dependencies',
      hint: 'Re-sync the charts: npx nx run deploy:sync.',
    });
  if (chart['version'] !== version || chart['appVersion'] !== version) {
    throw new ReleaseError({
      step: ReleaseSteps.CHART,
      message: `Chart.yaml says version ${String(chart['version'])} and appVersion ${String(chart['appVersion'])}, package.json ${version}`,
      hint: 'Re-sync the charts from package.json: npx nx run deploy:sync.',
    });
  }
  return chart['dependencies'].flatMap((dependency: unknown) =>
    isRecord(dependency) && typeof dependency['name'] === 'string' && dependency['name'] !== 'kubeless-crds'
      ? [dependency['name']]
      : [],
  );
}
