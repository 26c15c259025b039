// What a spec's setup started, undone in reverse order. Setup registers each undo step right after
// the step succeeds, so a setup that fails half-way still leaves nothing running (a child process
// left behind would keep jest alive, a namespace left behind would pile up in the shared apiserver).

interface Step {
  readonly what: string;
  readonly undo: () => Promise<unknown>;
}

export class Teardown {
  readonly #steps: Step[] = [];

  defer(what: string, undo: () => Promise<unknown>): void {
    this.#steps.push({ what, undo });
  }

  /** Runs every step, latest first, each even if an earlier one failed; then throws the failures together. */
  async run(): Promise<void> {
    const failures: Error[] = [];
    for (let step = this.#steps.pop(); step !== undefined; step = this.#steps.pop()) {
      try {
        await step.undo();
      } catch (error: unknown) {
        failures.push(new Error(`teardown: ${step.what} failed`, { cause: error }));
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => f.message).join('; '));
  }

  /** Runs `setup`; when it throws, undoes whatever it had already registered before passing the error on. */
  async guard<T>(setup: () => Promise<T>): Promise<T> {
    try {
      return await setup();
    } catch (error: unknown) {
      // The setup's failure is the one the spec reports; a cleanup that fails after it adds nothing.
      await this.run().catch(() => undefined);
      throw error;
    }
  }
}
