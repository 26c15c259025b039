import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

/** Where a containerised part of the test environment failed. */
export const ContainerSteps = {
  ENGINE: 'engine',
  IMAGE: 'image',
  START: 'start',
  CLEANUP: 'cleanup',
} as const;
export type ContainerStep = (typeof ContainerSteps)[keyof typeof ContainerSteps];

/** A failure building, starting or removing a test container; `step` says where. */
export class ContainerError extends KubelessError {
  readonly step: ContainerStep;

  constructor(options: { step: ContainerStep; message: string; hint?: string; cause?: unknown }) {
    super({
      code: ErrorCodes.TESTENV.code,
      message: options.message,
      hint: options.hint,
      cause: options.cause,
      details: { step: options.step },
    });
    this.name = 'ContainerError';
    this.step = options.step;
  }
}
