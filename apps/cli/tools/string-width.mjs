// Bundled in place of `string-width` (tools/bundle.mjs): yargs measures every
// help line with it, and the original's Intl.Segmenter and emoji tables cost
// ~80 ms of each `--help`. The help text is ASCII, so code points are enough.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export default function stringWidth(text) {
  if (typeof text !== 'string' || text.length === 0) return 0;
  let width = 0;
  for (const char of text.replace(ANSI, '')) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && !(code >= 0x7f && code < 0xa0) && !(code >= 0x300 && code < 0x370)) width += 1;
  }
  return width;
}
