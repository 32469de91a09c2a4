/** Aligns plain-text columns. Widths are measured on the raw text, so colours never shift columns. */

export interface Cell {
  text: string;
  /** Applied after padding is computed (e.g. a picocolors function). */
  style?: (text: string) => string;
  align?: 'left' | 'right';
}

export type CellInput = string | Cell;

function toCell(input: CellInput): Cell {
  return typeof input === 'string' ? { text: input } : input;
}

/** Renders rows with `gap` spaces between columns and no trailing spaces. */
export function alignColumns(rows: readonly (readonly CellInput[])[], options: { indent?: string; gap?: number } = {}): string[] {
  const cells = rows.map((row) => row.map(toCell));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.text.length);
    });
  }
  const gap = ' '.repeat(options.gap ?? 2);
  return cells.map((row) => {
    const parts = row.map((cell, i) => {
      const last = i === row.length - 1;
      const pad = ' '.repeat((widths[i] ?? 0) - cell.text.length);
      const styled = cell.style ? cell.style(cell.text) : cell.text;
      if (cell.align === 'right') return pad + styled;
      return last ? styled : styled + pad;
    });
    return ((options.indent ?? '') + parts.join(gap)).replace(/\s+$/, '');
  });
}
