/**
 * V8 heap in use of a Node.js process under soak, from the prom-client default metrics on its
 * /metrics endpoint (controllers, consumer and Node.js runtime all serve them). RSS says whether
 * memory is bounded; the heap says whether a growth is JavaScript objects kept alive.
 */

const HEAP_USED = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([0-9.e+]+)$/m;

/** MiB of heap in use, or undefined when the process serves no such metric (Python) or did not answer in time. */
export async function heapUsedMiB(port: number): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return undefined;
    const match = HEAP_USED.exec(await response.text());
    return match?.[1] === undefined ? undefined : Number(match[1]) / (1024 * 1024);
  } catch {
    return undefined;
  }
}
