import { realClock, sleep, type Clock } from './clock.js';
import { isConflict } from './error-code.js';
import { silentLogger, type Logger } from './logger.js';
import type { LeaseRecord, LeaseStore } from './ports.js';

export const LeadershipStates = { unknown: 'unknown', leading: 'leading', standby: 'standby' } as const;
export type LeadershipState = (typeof LeadershipStates)[keyof typeof LeadershipStates];

export interface LeaderElectionCallbacks {
  /**
   * Leadership won; `signal` aborts when it ends (lost, or stopping). A
   * returned promise is awaited before the lease is released, so in-flight
   * work finishes before a standby can start on the same objects.
   */
  onStartedLeading?(signal: AbortSignal): void | Promise<void>;
  /** Leadership ended after having started, for whatever reason. */
  onStoppedLeading?(): void;
  onNewLeader?(identity: string): void;
}

export interface LeaderElectorOptions extends LeaderElectionCallbacks {
  readonly store: LeaseStore;
  /** Unique per replica, e.g. the pod name plus a random suffix. */
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly random?: () => number;
}

export type LeadershipEnd = 'lost' | 'stopped';

type Attempt = 'acquired' | 'held-by-other' | 'failed';

/** Lease times are MicroTime: RFC 3339 with exactly six fractional digits. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Leader election on a Lease with client-go's rules: acquire when the lease is
 * free or its holder has not renewed within the lease duration (measured on our
 * own clock from when we last saw the record change, so clock skew between
 * replicas does not matter); renew every retry period; give up leadership once
 * the renew deadline has passed since the last successful renewal began — one
 * deadline for all the attempts in between, hanging ones included, so work stops
 * before any standby can see the lease expire (renewDeadline < leaseDuration); clear
 * the holder on a graceful stop so a standby takes over at once instead of after expiry.
 */
export class LeaderElector {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observed: LeaseRecord | undefined;
  private observedAt = 0;
  /** When the last successful acquire or renew *started*: the lease can look fresh to others from then on, never earlier. */
  private renewedAt = 0;
  private currentState: LeadershipState = LeadershipStates.unknown;
  private lastLeader: string | undefined;

  constructor(private readonly options: LeaderElectorOptions) {
    this.clock = options.clock ?? realClock();
    this.logger = (options.logger ?? silentLogger()).child({ identity: options.identity });
    this.random = options.random ?? Math.random;
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
    if (this.leaseDurationMs <= this.renewDeadlineMs || this.renewDeadlineMs <= this.retryPeriodMs) {
      throw new RangeError('leader election needs leaseDuration > renewDeadline > retryPeriod');
    }
  }

  /** `unknown` until the lease has been read once; then `leading` or `standby`. */
  state(): LeadershipState {
    return this.currentState;
  }

  isLeader(): boolean {
    return this.currentState === LeadershipStates.leading;
  }

  /** Campaigns, then leads until leadership is lost or the signal aborts. */
  async run(signal: AbortSignal): Promise<LeadershipEnd> {
    if (!(await this.acquire(signal))) return 'stopped';
    const leadership = new AbortController();
    // Renewal stops on the caller's signal, or when the leader's work fails: a leader that does nothing must not keep the lease.
    const renewal = new AbortController();
    const stopRenewing = (): void => renewal.abort();
    signal.addEventListener('abort', stopRenewing, { once: true });
    let workFailed = false;
    this.logger.info('became leader');
    const work = Promise.resolve()
      .then(() => this.options.onStartedLeading?.(leadership.signal))
      .catch((error: unknown) => {
        workFailed = true;
        this.logger.error({ err: error }, 'leader work failed; stepping down');
        renewal.abort();
      });
    const lost = await this.renewUntilLost(renewal.signal);
    signal.removeEventListener('abort', stopRenewing);
    leadership.abort();
    await work;
    if (lost) {
      this.currentState = LeadershipStates.standby;
      this.logger.warn('lost leadership');
    } else {
      await this.release();
    }
    this.options.onStoppedLeading?.();
    return lost || workFailed ? 'lost' : 'stopped';
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if ((await this.tryWithinDeadline(signal)) === 'acquired') return true;
      // Jitter (client-go's factor 1.2) keeps standbys from hitting the lease together.
      await sleep(this.clock, this.retryPeriodMs * (1 + 1.2 * this.random()), signal);
    }
    return false;
  }

  /** Returns true when leadership was lost, false when the signal aborted. */
  private async renewUntilLost(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      await sleep(this.clock, this.retryPeriodMs, signal);
      if (signal.aborted) return false;
      const outcome = await this.renewBefore(this.renewedAt + this.renewDeadlineMs, signal);
      if (outcome !== 'renewed') return outcome === 'lost';
    }
    return false;
  }

  /** Retries the renewal until it succeeds, someone else holds the lease, or `deadline` passes. */
  private async renewBefore(deadline: number, signal: AbortSignal): Promise<'renewed' | 'lost' | 'aborted'> {
    for (;;) {
      if (this.clock.now() >= deadline) return 'lost';
      const attempt = await this.tryUntil(deadline, signal);
      if (signal.aborted) return 'aborted';
      if (attempt === 'acquired') return 'renewed';
      if (attempt === 'held-by-other') return 'lost';
      await sleep(this.clock, Math.min(this.retryPeriodMs, deadline - this.clock.now()), signal);
      if (signal.aborted) return 'aborted';
    }
  }

  /** One attempt while campaigning, abandoned (as failed) if the store does not answer within the renew deadline. */
  private tryWithinDeadline(signal: AbortSignal): Promise<Attempt> {
    return this.tryUntil(this.clock.now() + this.renewDeadlineMs, signal);
  }

  /** One attempt, abandoned (as failed, its request aborted) when `deadline` passes. */
  private async tryUntil(deadline: number, signal: AbortSignal): Promise<Attempt> {
    const attemptSignal = new AbortController();
    const onAbort = (): void => attemptSignal.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const timeout = new Promise<Attempt>((resolve) => {
      const handle = this.clock.setTimer(() => {
        attemptSignal.abort();
        resolve('failed');
      }, deadline - this.clock.now());
      attemptSignal.signal.addEventListener('abort', () => this.clock.clearTimer(handle), { once: true });
    });
    try {
      return await Promise.race([this.tryAcquireOrRenew(attemptSignal.signal), timeout]);
    } finally {
      signal.removeEventListener('abort', onAbort);
      attemptSignal.abort();
    }
  }

  private async tryAcquireOrRenew(signal: AbortSignal): Promise<Attempt> {
    const now = this.clock.now();
    let existing: LeaseRecord | undefined;
    try {
      existing = await this.options.store.get(signal);
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot read the lease');
      return 'failed';
    }
    if (existing === undefined) return this.write('create', this.recordFor(undefined, now), now, signal);
    this.observe(existing, now);
    const holder = existing.holderIdentity ?? '';
    const expiresAt = this.observedAt + (existing.leaseDurationSeconds ?? 0) * 1000;
    if (holder !== '' && holder !== this.options.identity && now < expiresAt) {
      this.currentState = LeadershipStates.standby;
      return 'held-by-other';
    }
    return this.write('update', this.recordFor(existing, now), now, signal);
  }

  private recordFor(existing: LeaseRecord | undefined, now: number): LeaseRecord {
    const renewing = existing?.holderIdentity === this.options.identity;
    const transitions = existing?.leaseTransitions ?? 0;
    return {
      holderIdentity: this.options.identity,
      leaseDurationSeconds: Math.ceil(this.leaseDurationMs / 1000),
      acquireTime: renewing && existing?.acquireTime !== undefined ? existing.acquireTime : microTime(now),
      renewTime: microTime(now),
      leaseTransitions: existing === undefined ? 0 : renewing ? transitions : transitions + 1,
      resourceVersion: existing?.resourceVersion,
    };
  }

  private async write(
    verb: 'create' | 'update',
    record: LeaseRecord,
    now: number,
    signal: AbortSignal,
  ): Promise<Attempt> {
    try {
      const stored =
        verb === 'create'
          ? await this.options.store.create(record, signal)
          : await this.options.store.update(record, signal);
      // An answer after the attempt was abandoned must not revive a leadership already given up.
      if (signal.aborted) return 'failed';
      this.observe(stored, now);
      this.renewedAt = now;
      this.currentState = LeadershipStates.leading;
      return 'acquired';
    } catch (error) {
      // Someone else wrote first: the next read shows who leads.
      if (isConflict(error)) {
        if (this.currentState === LeadershipStates.unknown) this.currentState = LeadershipStates.standby;
        return 'failed';
      }
      this.logger.warn({ err: error, verb }, 'cannot write the lease');
      return 'failed';
    }
  }

  /** Remembers when the record last changed, on our clock: expiry is judged from that, never from the holder's timestamps. */
  private observe(record: LeaseRecord, now: number): void {
    const changed =
      this.observed === undefined ||
      this.observed.resourceVersion !== record.resourceVersion ||
      this.observed.holderIdentity !== record.holderIdentity ||
      this.observed.renewTime !== record.renewTime;
    if (!changed) return;
    this.observed = record;
    this.observedAt = now;
    const holder = record.holderIdentity ?? '';
    if (holder !== '' && holder !== this.lastLeader) {
      this.lastLeader = holder;
      this.options.onNewLeader?.(holder);
    }
  }

  private async release(): Promise<void> {
    if (this.observed?.holderIdentity !== this.options.identity) return;
    this.currentState = LeadershipStates.standby;
    const signal = AbortSignal.timeout(this.renewDeadlineMs);
    const releaseFrom = (record: LeaseRecord): Promise<LeaseRecord> =>
      this.options.store.update(
        { ...record, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(this.clock.now()) },
        signal,
      );
    try {
      await releaseFrom(this.observed).catch(async (error: unknown) => {
        // A renewal cut short by the stop may still have been written: our record is then one
        // version behind. Release from the stored one, if it is still ours.
        if (!isConflict(error)) throw error;
        const stored = await this.options.store.get(signal);
        if (stored?.holderIdentity === this.options.identity) await releaseFrom(stored);
      });
      this.logger.info('released the lease');
    } catch (error) {
      // The lease then expires on its own; standbys just wait a little longer.
      this.logger.warn({ err: error }, 'cannot release the lease');
    }
  }
}
