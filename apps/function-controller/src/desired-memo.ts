import { isDeepStrictEqual } from 'node:util';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigState } from './config-source.js';
import type { DesiredState } from './desired-children.js';

interface Entry {
  readonly fn: Readonly<KubelessFunction>;
  readonly config: ConfigState;
  readonly state: DesiredState;
}

/** The Function as `desired` reads it: everything but its status and the version that changes with every write. */
function sameInputs(a: Readonly<KubelessFunction>, b: Readonly<KubelessFunction>): boolean {
  if (a === b) return true;
  const { resourceVersion: _a, ...aMetadata } = a.metadata;
  const { resourceVersion: _b, ...bMetadata } = b.metadata;
  return isDeepStrictEqual(a.spec, b.spec) && isDeepStrictEqual(aMetadata, bMetadata);
}

/**
 * The last desired state of each Function. `desired` is pure but costs most of a pass's CPU
 * (the canonical hashes of every child, the template merges), and a Function is reconciled
 * several times per change: each child's event wakes it, and its own status write comes back
 * as a new version that differs in status and resourceVersion only, which `desired` never
 * reads. Comparing the inputs costs a fraction of recomputing them.
 */
export class DesiredMemo {
  private readonly entries = new Map<string, Entry>();

  /** The state for `fn` under `config`, computed by `compute` only when its inputs changed. */
  stateOf(key: string, fn: Readonly<KubelessFunction>, config: ConfigState, compute: () => DesiredState): DesiredState {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.config === config && sameInputs(entry.fn, fn)) return entry.state;
    const state = compute();
    this.entries.set(key, { fn, config, state });
    return state;
  }

  /** The Function is gone: nothing of it is kept. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
