// Generated TypeScript and JavaScript pass `prettier --check` (part of `npm run lint`) as written:
// token lengths differ from the template's, so line breaks are the formatter's job, not the template's.
import { join } from 'node:path';
import * as prettier from 'prettier';

const FORMATTED = /\.(ts|mts|mjs|js)$/;

/** Formats source text destined for the workspace-relative `path` with the repository's Prettier settings. */
export async function formatSource(root, path, text) {
  if (!FORMATTED.test(path)) return text;
  const file = join(root, path);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}
