import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const WRITER = join(import.meta.dirname, '..', '..', '..', 'tools', 'bench-kit', 'src', 'docs-section.mjs');

/**
 * Regenerates a bench's section of docs/benchmarks.md (only when BENCH_WRITE_DOCS=1) with the one writer every
 * benchmark uses (tools/bench-kit); loaded at run time because the bench kit is plain JavaScript without
 * declarations, which the type-checked controller benches cannot import statically.
 */
export async function writeBenchSection(id: string, markdown: string): Promise<void> {
  const writer: unknown = await import(pathToFileURL(WRITER).href);
  const write = typeof writer === 'object' && writer !== null ? Reflect.get(writer, 'writeDocsSection') : undefined;
  if (typeof write !== 'function') throw new Error(`${WRITER} exports no writeDocsSection`);
  write(id, markdown);
}
