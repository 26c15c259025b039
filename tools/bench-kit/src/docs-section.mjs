// Regenerates one section of docs/benchmarks.md from a benchmark run, between
// `<!-- bench:<id> -->` and `<!-- /bench:<id> -->`; the rest of the file is kept.
// Benchmarks call it only when BENCH_WRITE_DOCS=1 (set by `npm run bench`), so a
// single exploratory run does not rewrite the docs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'benchmarks.md');

export function writeDocsSection(id, markdown) {
  if (process.env.BENCH_WRITE_DOCS !== '1') return false;
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = readFileSync(docs, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from !== -1 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(docs, next);
  console.log(`docs/benchmarks.md: section ${id} regenerated`);
  return true;
}
