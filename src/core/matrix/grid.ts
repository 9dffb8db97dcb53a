/**
 * A read-only view of one sheet's grid for the matrix finder: 1-based access to cell values,
 * vertical merged ranges filled down (so an activity name merged over two rows names both
 * rows), and each cell's detection shape computed once and cached per row.
 */
import type { CellValue, SheetInput } from '../model';
import { fromA1 } from '../text';
import { cellShape, type CellShape } from './codes';

/** A sheet seen by the matrix finder: 1-based, merges filled down, shapes cached. */
export interface SheetView {
  readonly name: string;
  readonly rowCount: number;
  /** The value at a 1-based row and column (null when outside the grid). */
  value(row: number, column: number): CellValue;
  /** The detection shape of a cell (see `cellShape`). */
  shape(row: number, column: number): CellShape;
  /**
   * The shapes of the row's cells, worked out once per row: index 0 is column 1, one entry per
   * column up to `width(row)`. For loops over a whole row.
   */
  shapes(row: number): readonly CellShape[];
  /** The number of columns the row holds (ragged rows differ). */
  width(row: number): number;
  /** True when every cell of the row is blank. */
  isBlankRow(row: number): boolean;
}

/**
 * Returns a view of the sheet. Merged ranges one column wide are filled down from their
 * top-left cell; wider merges (titles, section banners) keep their value in the top-left only.
 */
export function viewSheet(sheet: SheetInput): SheetView {
  const rows = sheet.rows;
  const filled = new Map<number, Map<number, CellValue>>();
  for (const range of sheet.merges ?? []) {
    const [from, to] = range.split(':');
    const a = from ? fromA1(from) : undefined;
    const b = to ? fromA1(to) : undefined;
    if (!a || !b || a.column !== b.column || b.row <= a.row) continue;
    const top = rows[a.row - 1]?.[a.column - 1] ?? null;
    if (top === null || top === '') continue;
    for (let r = a.row + 1; r <= b.row; r++) {
      let byColumn = filled.get(r);
      if (!byColumn) filled.set(r, (byColumn = new Map()));
      byColumn.set(a.column, top);
    }
  }

  const shapeCache: (CellShape[] | undefined)[] = [];
  const shapeByText = new Map<string, CellShape>();

  const value = (row: number, column: number): CellValue => {
    // Most sheets have no merge to fill down: no lookup for them.
    if (filled.size > 0) {
      const override = filled.get(row)?.get(column);
      if (override !== undefined) return override;
    }
    const v = rows[row - 1]?.[column - 1];
    return v === undefined ? null : v;
  };

  const width = (row: number): number => {
    const w = rows[row - 1]?.length ?? 0;
    const extra = filled.size > 0 ? filled.get(row) : undefined;
    if (!extra) return w;
    let max = w;
    for (const c of extra.keys()) if (c > max) max = c;
    return max;
  };

  const rowShapes = (row: number): CellShape[] => {
    let shapes = shapeCache[row];
    if (shapes) return shapes;
    const w = width(row);
    shapes = new Array<CellShape>(w);
    for (let c = 1; c <= w; c++) {
      const v = value(row, c);
      if (typeof v === 'string') {
        let s = shapeByText.get(v);
        if (s === undefined) {
          s = cellShape(v);
          if (shapeByText.size < 50_000) shapeByText.set(v, s);
        }
        shapes[c - 1] = s;
      } else {
        shapes[c - 1] = cellShape(v);
      }
    }
    shapeCache[row] = shapes;
    return shapes;
  };

  return {
    name: sheet.name,
    rowCount: rows.length,
    value,
    width,
    shape: (row, column) => rowShapes(row)[column - 1] ?? 'blank',
    shapes: rowShapes,
    isBlankRow: (row) => rowShapes(row).every((s) => s === 'blank'),
  };
}
