/**
 * Small helpers the governance rules share to place their findings: a cell's A1 address with
 * its row and column, and the location of a register item's cell (the named cell when the
 * column exists, else the item's name cell).
 */
import type { FindingDraft, RegisterItem } from '../model';
import { fromA1 } from '../text';

/** Returns the location fields (`sheet`, `cell`, `row`, `column`) of an A1 cell on a sheet. */
export function at(
  sheet: string,
  cell: string,
): Pick<FindingDraft, 'sheet' | 'cell' | 'row' | 'column'> {
  const pos = fromA1(cell);
  return pos ? { sheet, cell, row: pos.row, column: pos.column } : { sheet, cell };
}

/** Returns a finding about a register item, at `cell` (default: the item's name cell). */
export function itemFinding(
  item: RegisterItem,
  message: string,
  cell?: string,
  suggestion?: string,
): FindingDraft {
  return {
    ...at(item.sheet, cell ?? item.cell),
    item: item.name,
    message,
    ...(suggestion ? { suggestion } : {}),
  };
}
