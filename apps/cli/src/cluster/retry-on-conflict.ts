import { ErrorCodes, isKubelessError } from '@kubeless-ts/errors';

/**
 * Runs a read-modify-replace step again when the object changed between the
 * read and the write. Controllers write a Function's status all the time (one
 * resourceVersion covers spec and status), so a replace computed from a
 * second-old read often conflicts without anyone touching the spec. The step
 * re-reads and re-applies the user's flags, so nothing written meanwhile is
 * lost; after `attempts` conflicts the last one is reported.
 */
export async function retryOnConflict<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error: unknown) {
      const conflict = isKubelessError(error) && error.code === ErrorCodes.CONFLICT.code;
      if (!conflict || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}
