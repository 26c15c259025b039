/** How `spec.function` is encoded, read from `function-content-type`. */
export interface ContentType {
  readonly encoding: 'text' | 'base64' | 'url';
  readonly archive: 'zip' | 'compressedtar' | undefined;
  /** `+deps`: the archive already contains the dependency file. */
  readonly bundledDeps: boolean;
}

const GRAMMAR = /^(text|base64|url)(?:\+(zip|compressedtar))?(\+deps)?$/;

export const CONTENT_TYPE_EXPECTED =
  'expected text, base64 or url, optionally followed by +zip or +compressedtar, then optionally +deps (e.g. base64+zip)';

/** Empty means `text`, as in Kubeless. Returns undefined for anything outside the grammar. */
export function parseContentType(value: string | undefined): ContentType | undefined {
  if (value === undefined || value === '') return { encoding: 'text', archive: undefined, bundledDeps: false };
  const match = GRAMMAR.exec(value);
  if (match === null) return undefined;
  return {
    encoding: match[1] as ContentType['encoding'],
    archive: match[2] as ContentType['archive'],
    bundledDeps: match[3] !== undefined,
  };
}
