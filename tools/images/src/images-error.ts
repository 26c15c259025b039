import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

/** The steps of an image build, named in every failure. */
export const ImageSteps = {
  PACKAGES: 'packages',
  ENGINE: 'engine',
  BASE_IMAGES: 'base-images',
  BUILD: 'build',
  SAVE: 'save',
  PIN: 'pin',
} as const;
export type ImageStep = (typeof ImageSteps)[keyof typeof ImageSteps];

/** A failure while preparing the engine or building images; `step` says where. */
export class ImagesError extends KubelessError {
  readonly step: ImageStep;

  constructor(options: { step: ImageStep; message: string; hint?: string; cause?: unknown }) {
    super({
      code: ErrorCodes.TESTENV.code,
      message: options.message,
      hint: options.hint,
      cause: options.cause,
      details: { step: options.step },
    });
    this.name = 'ImagesError';
    this.step = options.step;
  }
}
