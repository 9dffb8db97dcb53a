/**
 * The matrix finder's view of a sheet: 1-based values, one-column merges filled down (wider
 * merges keep their value top-left only), ragged row widths including filled cells, cached
 * shapes and blank rows.
 */
import { viewSheet } from '../../../src/core/matrix/grid';

describe('viewSheet', () => {
  it('reads 1-based values, null outside the grid, without merges', () => {
    const view = viewSheet({ name: 'S', rows: [['a', 'R'], [], ['x', null, 3]] });
    expect(view.rowCount).toBe(3);
    expect(view.value(1, 1)).toBe('a');
    expect(view.value(3, 3)).toBe(3);
    expect(view.value(2, 1)).toBeNull();
    expect(view.value(9, 9)).toBeNull();
    expect([view.width(1), view.width(2), view.width(3), view.width(4)]).toEqual([2, 0, 3, 0]);
    expect(view.shape(1, 2)).toBe('code');
    expect(view.shape(1, 5)).toBe('blank');
    expect(view.shapes(1)).toEqual(['code', 'code']);
    expect(view.shapes(3)).toEqual(['short', 'blank', 'number']);
    expect(view.shapes(2)).toEqual([]);
    expect(view.shapes(1)).toBe(view.shapes(1));
    expect(view.isBlankRow(2)).toBe(true);
    expect(view.isBlankRow(1)).toBe(false);
  });

  it('fills one-column merges down and widens the rows they reach', () => {
    const view = viewSheet({
      name: 'S',
      rows: [['Plan', 'Banner'], [null], [null, 'R'], ['']],
      merges: ['A1:A3', 'B1:C1', 'C2:C4', 'A4:A5', 'B3:B4', 'bad'],
    });
    expect([view.value(1, 1), view.value(2, 1), view.value(3, 1)]).toEqual([
      'Plan',
      'Plan',
      'Plan',
    ]);
    expect(view.value(1, 3)).toBeNull();
    expect(view.value(4, 1)).toBe('');
    expect(view.value(5, 1)).toBeNull();
    expect([view.width(2), view.width(3), view.width(4)]).toEqual([1, 2, 2]);
    expect(view.value(4, 2)).toBe('R');
    expect(view.shape(2, 1)).toBe('short');
    expect(view.shape(4, 2)).toBe('code');
    expect(view.shapes(4)).toEqual(['blank', 'code']);
  });
});
