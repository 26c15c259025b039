import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { FailureReasons, type FailureReason } from './consumer-metrics.js';

export type InvocationOutcome =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly reason: FailureReason; readonly detail: string };

export interface InvokeRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly timeoutMs: number;
  /** Aborts the call (graceful stop ran out of time): the outcome is a `shutdown` failure. */
  readonly signal?: AbortSignal;
}

export interface FunctionInvoker {
  invoke(request: InvokeRequest): Promise<InvocationOutcome>;
  close(): void;
}

function classify(error: NodeJS.ErrnoException): FailureReason {
  switch (error.code) {
    case 'ECONNREFUSED':
      return FailureReasons.connectionRefused;
    // No Service (DNS name unknown) or no route to it: the function is not there.
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
      return FailureReasons.functionMissing;
    case 'ETIMEDOUT':
      return FailureReasons.timeout;
    default:
      return FailureReasons.network;
  }
}

type Target = ReturnType<typeof urlToHttpOptions>;

/**
 * Function URLs parsed once instead of per message (a runner's URL changes only when its Service
 * does). Bounded, so URLs of bindings long gone do not accumulate: past the bound the URL parsed
 * longest ago goes (a Map iterates in insertion order), never the whole cache at once, which would
 * make every binding parse again together.
 */
export class TargetCache {
  readonly #targets = new Map<string, Target>();

  constructor(private readonly bound = 1_000) {}

  /** Throws (like `http.request`) for a URL that does not parse. */
  get(url: string): Target {
    let target = this.#targets.get(url);
    if (target === undefined) {
      target = urlToHttpOptions(new URL(url));
      if (this.#targets.size >= this.bound) {
        const oldest = this.#targets.keys().next();
        if (oldest.done !== true) this.#targets.delete(oldest.value);
      }
      this.#targets.set(url, target);
    }
    return target;
  }

  get size(): number {
    return this.#targets.size;
  }
}

/**
 * POSTs over keep-alive connections. Never throws and never retries: every
 * failure becomes an outcome with a reason, because a retry could deliver twice.
 */
export function createFunctionInvoker(options: { readonly maxSockets?: number } = {}): FunctionInvoker {
  const maxSockets = options.maxSockets ?? 512;
  // As many idle sockets kept as may be busy: with fewer, the sockets above the bound are closed
  // each time a burst of invocations ends and opened again for the next chunk (connect and close
  // were a sixth of the consumer's CPU under load; ADR 0027). Idle ones still close on the
  // function's keep-alive timeout.
  const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const targets = new TargetCache();
  return {
    invoke: (req) =>
      new Promise<InvocationOutcome>((resolve) => {
        let settled = false;
        let call: ClientRequest | undefined;
        // A deadline for the whole call (connect, upload, headers and the last body byte):
        // a socket idle timeout would never fire for a function that keeps trickling bytes.
        const deadline = setTimeout(() => {
          settle({ ok: false, reason: FailureReasons.timeout, detail: `no complete response in ${req.timeoutMs} ms` });
          call?.destroy();
        }, req.timeoutMs);
        const abort = (): void => {
          settle({
            ok: false,
            reason: FailureReasons.shutdown,
            detail: 'aborted: the consumer is stopping and its grace period is over',
          });
          call?.destroy();
        };
        const settle = (outcome: InvocationOutcome): void => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          req.signal?.removeEventListener('abort', abort);
          resolve(outcome);
        };
        if (req.signal?.aborted) {
          abort();
          return;
        }
        req.signal?.addEventListener('abort', abort, { once: true });
        try {
          const target = targets.get(req.url);
          const secure = target.protocol === 'https:';
          call = (secure ? httpsRequest : httpRequest)(
            {
              ...target,
              method: 'POST',
              agent: secure ? https : http,
              headers: { ...req.headers, 'content-length': String(req.body.length) },
            },
            (res) => {
              res.resume();
              res.once('end', () => {
                const status = res.statusCode ?? 0;
                settle(
                  status >= 200 && status < 300
                    ? { ok: true, status }
                    : { ok: false, reason: FailureReasons.non2xx, detail: `HTTP ${status}` },
                );
              });
              res.once('error', (error) =>
                settle({ ok: false, reason: FailureReasons.network, detail: error.message }),
              );
            },
          );
        } catch (error) {
          settle({
            ok: false,
            reason: FailureReasons.network,
            detail: error instanceof Error ? error.message : String(error),
          });
          return;
        }
        call.once('error', (error: NodeJS.ErrnoException) =>
          settle({ ok: false, reason: classify(error), detail: error.code ?? error.message }),
        );
        call.end(req.body);
      }),
    close: () => {
      http.destroy();
      https.destroy();
    },
  };
}
