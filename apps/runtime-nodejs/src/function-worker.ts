// Entry point of the worker thread that owns the user's module. The HTTP thread can
// terminate this thread when a call never yields (ADR 0004), which is why the module
// does not run on the HTTP thread.
import { parentPort, workerData } from 'node:worker_threads';
import { FunctionResponse } from './function-response.js';
import { toFunctionRequest } from './function-request.js';
import { loadHandler } from './handler-loader.js';
import type { FunctionHandler } from './handler-loader.js';
import { encodeResult } from './result-encoding.js';
import { decodeCall, encodeCallResult } from './call-codec.js';
import type { EncodedCallResult } from './call-codec.js';
import { MessageBatch } from './message-batch.js';
import type {
  CallResult,
  FromWorker,
  InvokeMessage,
  ToWorker,
  WireResponse,
  WorkerSettings,
} from './worker-protocol.js';

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function transferables(results: readonly EncodedCallResult[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const result of results) {
    if (result[0] !== 0) continue;
    const body = result[4];
    if (typeof body === 'string' || !(body.buffer instanceof ArrayBuffer)) continue;
    // Pooled Buffers share their ArrayBuffer with other Buffers; only whole buffers may move.
    if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && !buffers.includes(body.buffer))
      buffers.push(body.buffer);
  }
  return buffers;
}

async function invoke(
  handler: FunctionHandler,
  message: InvokeMessage,
  post: (result: CallResult) => void,
): Promise<void> {
  let settled = false;
  const respond = (response: WireResponse): void => {
    if (settled) return;
    settled = true;
    post({ type: 'response', id: message.id, response });
  };
  const response = new FunctionResponse(respond);
  const event = { ...message.event, extensions: { request: toFunctionRequest(message.request), response } };
  try {
    const value = await handler(event, message.context);
    if (settled) return;
    const encoded = encodeResult(value);
    if (encoded.contentType !== undefined && !response.hasHeader('content-type'))
      response.setHeader('content-type', encoded.contentType);
    respond(response.toWire(encoded.body));
  } catch (error) {
    if (settled) {
      console.error(`function failed after its response was sent: ${describe(error)}`);
      return;
    }
    settled = true;
    post({ type: 'failed', id: message.id, message: describe(error) });
  }
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('function-worker must run in a worker thread');
  const settings = workerData as WorkerSettings;
  const post = (message: FromWorker): void => port.postMessage(message);
  const results = new MessageBatch<EncodedCallResult>((batch) =>
    port.postMessage({ type: 'results', results: batch } satisfies FromWorker, transferables(batch)),
  );
  const settle = (result: CallResult): void => results.add(encodeCallResult(result));
  // A stray callback of one call must not take down the calls of everybody else.
  process.on('uncaughtException', (error) => console.error(`uncaught exception in function: ${describe(error)}`));
  process.on('unhandledRejection', (reason) => console.error(`unhandled rejection in function: ${describe(reason)}`));

  const loading = loadHandler(settings);
  loading.then(
    () => post({ type: 'ready' }),
    (error: unknown) => post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) }),
  );
  port.on('message', (message: ToWorker) => {
    if (message.type === 'ping') {
      post({ type: 'pong', id: message.id });
      return;
    }
    loading.then(
      (handler) => {
        for (const call of message.calls) void invoke(handler, decodeCall(call), settle);
      },
      () => {
        for (const call of message.calls)
          settle({ type: 'failed', id: call[0], message: 'the function module failed to load' });
      },
    );
  });
}

main();
