/** A mistake in what new-project.mjs was asked to do: printed as one line (never a stack trace), exit code 2. */
export class ScaffoldError extends Error {
  /** Stable, for scripts and specs that match on it. */
  code = 'NEW_PROJECT_USAGE';

  /** @param {string} message @param {string} [hint] what to do about it */
  constructor(message, hint) {
    super(message);
    this.name = 'ScaffoldError';
    this.hint = hint;
  }
}
