import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

/** The steps of a release, named in every failure. */
export const ReleaseSteps = {
  OPTIONS: 'options',
  CLI_PACKAGE: 'cli-package',
  CLI_EXECUTABLE: 'cli-executable',
  CHART: 'chart',
  IMAGES: 'images',
  SBOM: 'sbom',
  CHECKSUMS: 'checksums',
} as const;
export type ReleaseStep = (typeof ReleaseSteps)[keyof typeof ReleaseSteps];

/** A failure while writing `dist/release/`; `step` says which artefact. */
export class ReleaseError extends KubelessError {
  readonly step: ReleaseStep;

  constructor(options: { step: ReleaseStep; message: string; hint?: string; cause?: unknown }) {
    super({
      code: ErrorCodes.RELEASE.code,
      message: options.message,
      hint: options.hint,
      cause: options.cause,
      terminal: true,
      details: { step: options.step },
    });
    this.name = 'ReleaseError';
    this.step = options.step;
  }
}
