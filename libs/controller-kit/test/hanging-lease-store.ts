import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { LeaseRecord, LeaseStore } from '../src/ports.js';

/**
 * One replica's view of a shared lease store that can fail fast or hang, like a
 * connection to a partitioned apiserver: a hanging call never answers and ends only
 * when the caller aborts it.
 */
export class HangingLeaseStore implements LeaseStore {
  hanging = false;
  /** The next this many calls fail at once with a connection error. */
  failFast = 0;

  constructor(private readonly shared: LeaseStore) {}

  get(signal: AbortSignal): Promise<LeaseRecord | undefined> {
    return this.call(signal, () => this.shared.get(signal));
  }

  create(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord> {
    return this.call(signal, () => this.shared.create(record, signal));
  }

  update(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord> {
    return this.call(signal, () => this.shared.update(record, signal));
  }

  private call<T>(signal: AbortSignal, next: () => Promise<T>): Promise<T> {
    if (this.failFast > 0) {
      this.failFast--;
      return Promise.reject(new KubelessError({ code: ErrorCodes.UNREACHABLE.code, message: 'connection refused' }));
    }
    if (!this.hanging) return next();
    return new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
    );
  }
}
