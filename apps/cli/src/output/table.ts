/**
 * Aligned text tables. A cell may hold several lines (dependencies, env):
 * the row grows downwards and every column stays aligned, which the original
 * `wide` output did not manage.
 */
const GAP = '   ';

export type Cell = string | number | undefined;

export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const split = (cell: Cell): string[] => (cell === undefined || cell === '' ? [''] : String(cell).split('\n'));
  const cells = [header.map((title) => [title]), ...rows.map((row) => header.map((_, index) => split(row[index])))];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => Math.max(...(row[column] ?? ['']).map((line) => line.length)))),
  );
  const lines: string[] = [];
  for (const row of cells) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let line = 0; line < height; line += 1) {
      const text = row
        .map((cell, column) => (cell[line] ?? '').padEnd(column === row.length - 1 ? 0 : (widths[column] ?? 0)))
        .join(GAP);
      lines.push(text.trimEnd());
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `Key:   value` rows, as `describe` prints them. */
export function renderFields(fields: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(...fields.map(([key]) => key.length + 1));
  return fields
    .map(([key, value]) => {
      const [first = '', ...rest] = value === undefined ? [''] : String(value).split('\n');
      const pad = ' '.repeat(width + 1);
      return [`${`${key}:`.padEnd(width)} ${first}`.trimEnd(), ...rest.map((line) => `${pad}${line}`)].join('\n');
    })
    .join('\n')
    .concat('\n');
}
