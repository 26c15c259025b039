import type { OwnedChildEffects } from '@kubeless-ts/controller-kit';

/** An owned-child controller's effects that only record what the reconciler asked for, to unit-test it without I/O. */
export class RecordingEffects<T, C, S> implements OwnedChildEffects<T, C, S> {
  readonly applied: C[] = [];
  readonly statuses: S[] = [];
  /** Set to make the next applies fail as the API server would. */
  failApplyWith: Error | undefined;

  async applyChild(child: C): Promise<'applied'> {
    if (this.failApplyWith !== undefined) throw this.failApplyWith;
    this.applied.push(child);
    return 'applied';
  }

  async deleteChild(): Promise<void> {}

  async applyStatus(_owner: Readonly<T>, status: S): Promise<void> {
    this.statuses.push(status);
  }

  async warn(): Promise<void> {}
}
