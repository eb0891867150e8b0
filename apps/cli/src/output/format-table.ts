/** Display width of a cell: code points, so accented names line up. */
const width = (text: string) => [...text].length;

/**
 * A plain text table: a header row, then rows, columns padded to the widest cell and separated
 * by two spaces. Numeric columns (named in `right`) are right-aligned.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
): string {
  const widths = header.map((title, column) =>
    Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat(widths[column]! - width(cell));
        return right.has(column) ? pad + cell : column === cells.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
