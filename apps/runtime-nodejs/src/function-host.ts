import { Worker } from 'node:worker_threads';
import { CallDeadlines } from './call-deadlines.js';
import { MessageBatch } from './message-batch.js';
import { decodeCallResult, encodeCall } from './call-codec.js';
import type { EncodedCall } from './call-codec.js';
import type {
  CallResult,
  FunctionContext,
  FromWorker,
  ToWorker,
  WireEvent,
  WireRequest,
  WireResponse,
  WorkerSettings,
} from './worker-protocol.js';

/** How one call ended, as seen from the HTTP thread. */
export type CallOutcome =
  | { readonly kind: 'response'; readonly response: WireResponse }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'timeout' }
  /** The worker was replaced (or died) while this call was in it. */
  | { readonly kind: 'aborted'; readonly reason: string };

export interface FunctionCall {
  readonly event: WireEvent;
  readonly context: FunctionContext;
  readonly request: WireRequest;
}

export interface HostLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface FunctionHostOptions {
  readonly workerUrl: URL;
  readonly settings: WorkerSettings;
  readonly timeoutMs: number;
  /** How long a worker may take to answer a ping after a timeout before it is replaced. */
  readonly watchdogMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger: HostLogger;
}

/** The function module failed to load; the runtime cannot serve it. */
export class FunctionLoadError extends Error {
  override readonly name = 'FunctionLoadError';
}

function outcomeOf(result: CallResult): CallOutcome {
  return result.type === 'response'
    ? { kind: 'response', response: result.response }
    : { kind: 'failed', message: result.message };
}

/**
 * Runs the user's module in one long-lived worker thread (so module state and
 * connections survive between calls) and enforces FUNC_TIMEOUT from the HTTP thread.
 * After a timeout the worker is pinged; if its event loop does not answer within the
 * watchdog window (a synchronous loop), it is terminated and replaced (ADR 0004).
 */
export class FunctionHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (outcome: CallOutcome) => void>();
  private readonly deadlines: CallDeadlines;
  private readonly pings = new Map<number, () => void>();
  private nextId = 1;
  private stopping = false;
  private checking = false;
  /** Why the worker could not be brought back after it died or was replaced; set for good. */
  private unservable: string | undefined;
  private readonly outbox = new MessageBatch<{ encoded: EncodedCall; transfer: ArrayBuffer[] }>((calls) =>
    this.post(calls),
  );

  constructor(private readonly options: FunctionHostOptions) {
    this.deadlines = new CallDeadlines(options.timeoutMs, (id) => this.onTimeout(id));
  }

  /** Starts the worker and waits until the module is loaded. */
  start(): Promise<void> {
    return this.spawn();
  }

  invoke(call: FunctionCall): Promise<CallOutcome> {
    if (!this.worker || this.stopping)
      return Promise.resolve({ kind: 'aborted', reason: 'the runtime is not running' });
    const id = this.nextId++;
    return new Promise<CallOutcome>((resolve) => {
      this.pending.set(id, resolve);
      this.deadlines.add(id);
      this.outbox.add(encodeCall(id, call));
    });
  }

  /** Calls settled while queued (aborted with a replaced worker) are not sent to its successor. */
  private post(queued: { encoded: EncodedCall; transfer: ArrayBuffer[] }[]): void {
    const live = queued.filter((call) => this.pending.has(call.encoded[0]));
    if (live.length === 0) return;
    const message: ToWorker = { type: 'invoke', calls: live.map((call) => call.encoded) };
    this.worker?.postMessage(
      message,
      live.flatMap((call) => call.transfer),
    );
  }

  /**
   * Whether calls can still be served. False once a replacement worker failed to load:
   * nothing in this process can recover from that, so liveness must fail and the kubelet
   * restart the container (a respawn in progress still counts as serving).
   */
  serving(): boolean {
    return this.unservable === undefined && !this.stopping;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abortAll('the runtime is shutting down');
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private spawn(): Promise<void> {
    const worker = new Worker(this.options.workerUrl, {
      workerData: this.options.settings,
      env: { ...(this.options.env ?? process.env), NODE_PATH: this.nodePath() },
    });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let loaded = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          loaded = true;
          resolve();
        } else if (message.type === 'load-failed') {
          reject(new FunctionLoadError(message.message));
          void worker.terminate();
        } else {
          this.onMessage(message);
        }
      });
      worker.on('error', (error) => this.options.logger.error({ err: error }, 'function worker crashed'));
      worker.on('exit', (code) => {
        if (loaded) {
          this.onExit(worker, code);
          return;
        }
        // Never loop on a module that cannot load: calls get 503 until the process is restarted.
        if (this.worker === worker) this.worker = undefined;
        reject(new FunctionLoadError(`the function worker exited with code ${code} before loading the module`));
      });
    });
  }

  /** NODE_PATH as Kubeless sets it, so CommonJS deps resolve from the install volume's node_modules. */
  private nodePath(): string {
    const inherited = (this.options.env ?? process.env)['NODE_PATH'];
    const own = `${this.options.settings.installVolume}/node_modules`;
    return inherited ? `${own}:${inherited}` : own;
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'pong') {
      this.pings.get(message.id)?.();
      return;
    }
    if (message.type !== 'results') return;
    for (const encoded of message.results) {
      const result = decodeCallResult(encoded);
      this.settle(result.id, outcomeOf(result));
    }
  }

  private settle(id: number, outcome: CallOutcome): void {
    const resolve = this.pending.get(id);
    if (!resolve) return;
    this.pending.delete(id);
    this.deadlines.delete(id);
    resolve(outcome);
  }

  private onTimeout(id: number): void {
    this.settle(id, { kind: 'timeout' });
    void this.checkResponsive();
  }

  /** A timed-out async call leaves the worker usable; a blocked event loop does not. */
  private async checkResponsive(): Promise<void> {
    const worker = this.worker;
    if (this.checking || !worker || this.stopping) return;
    this.checking = true;
    const id = this.nextId++;
    const answered = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.options.watchdogMs ?? 1000);
      this.pings.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
      worker.postMessage({ type: 'ping', id } satisfies ToWorker);
    });
    this.pings.delete(id);
    this.checking = false;
    if (answered || worker !== this.worker) return;
    this.options.logger.warn(
      { inFlight: this.pending.size },
      'function worker is blocked after a timeout; replacing it',
    );
    await this.replace(worker, 'the function worker was restarted after another call blocked it past its timeout');
  }

  private async replace(worker: Worker, reason: string): Promise<void> {
    this.worker = undefined;
    this.abortAll(reason);
    worker.removeAllListeners('exit');
    await worker.terminate();
    if (!this.stopping) await this.respawn();
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker || this.stopping) return;
    this.options.logger.error({ code }, 'function worker exited; starting a new one');
    this.worker = undefined;
    this.abortAll('the function worker exited');
    void this.respawn();
  }

  private async respawn(): Promise<void> {
    try {
      await this.spawn();
      this.options.logger.info({}, 'function worker ready');
    } catch (error) {
      this.unservable = error instanceof Error ? error.message : String(error);
      this.options.logger.error({ err: error }, 'function worker failed to restart; /healthz now fails');
    }
  }

  private abortAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { kind: 'aborted', reason });
  }
}
