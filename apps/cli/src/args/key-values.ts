/**
 * `--label`, `--env`, `--node-selectors`: repeated or comma separated items,
 * each split at its first `=` or `:` (Kubeless' rule); an item without either
 * becomes a key with an empty value.
 */
export function parseKeyValues(items: readonly string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of (items ?? []).flatMap((entry) => entry.split(','))) {
    const trimmed = item.trim();
    if (trimmed === '') continue;
    const at = trimmed.search(/[=:]/);
    if (at === -1) result[trimmed] = '';
    else result[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return result;
}

/** Splits repeated or comma separated list flags (`--secrets a,b --secrets c`). */
export function parseList(items: readonly string[] | undefined): string[] {
  return (items ?? [])
    .flatMap((entry) => entry.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
