import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { LeaseRecord, LeaseStore } from './ports.js';

/** One Lease object in memory with optimistic concurrency, for leader-election tests. */
export class InMemoryLeaseStore implements LeaseStore {
  private record: LeaseRecord | undefined;
  private version = 0;
  private readonly failures: unknown[] = [];
  writes = 0;

  /** The next call fails with this error, in order. */
  failNext(error: unknown): void {
    this.failures.push(error);
  }

  current(): LeaseRecord | undefined {
    return this.record === undefined ? undefined : { ...this.record };
  }

  async get(_signal: AbortSignal): Promise<LeaseRecord | undefined> {
    this.throwIfFailing();
    return this.current();
  }

  async create(record: LeaseRecord, _signal: AbortSignal): Promise<LeaseRecord> {
    this.throwIfFailing();
    if (this.record !== undefined)
      throw new KubelessError({ code: ErrorCodes.ALREADY_EXISTS.code, message: 'lease already exists' });
    return this.store(record);
  }

  async update(record: LeaseRecord, _signal: AbortSignal): Promise<LeaseRecord> {
    this.throwIfFailing();
    if (this.record === undefined)
      throw new KubelessError({ code: ErrorCodes.NOT_FOUND.code, message: 'lease not found' });
    if (record.resourceVersion !== this.record.resourceVersion)
      throw new KubelessError({ code: ErrorCodes.CONFLICT.code, message: 'lease was modified' });
    return this.store(record);
  }

  private store(record: LeaseRecord): LeaseRecord {
    this.writes++;
    this.record = { ...record, resourceVersion: String(++this.version) };
    return { ...this.record };
  }

  private throwIfFailing(): void {
    if (this.failures.length > 0) throw this.failures.shift();
  }
}
