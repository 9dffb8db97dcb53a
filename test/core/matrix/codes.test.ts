/**
 * The code parser: every spelling of codes, combinations and "empty" in SPEC section 1, the
 * letters each model accepts, and the shapes the matrix finder sees.
 */
import { cellShape, isEmptyMark, parseCodeCell } from '../../../src/core/matrix/codes';
import type { CellValue, RaciModel } from '../../../src/core/model';

describe('parseCodeCell', () => {
  const cases: [CellValue, RaciModel, string[], string[]][] = [
    ['R', 'RACI', ['R'], []],
    ['a', 'RACI', ['A'], []],
    ['  c ', 'RACI', ['C'], []],
    ['i', 'RACI', ['I'], []],
    ['A/R', 'RACI', ['A', 'R'], []],
    ['R/A', 'RACI', ['R', 'A'], []],
    ['AR', 'RACI', ['A', 'R'], []],
    ['ar', 'RACI', ['A', 'R'], []],
    ['R, A', 'RACI', ['R', 'A'], []],
    ['A,R', 'RACI', ['A', 'R'], []],
    ['R+A', 'RACI', ['R', 'A'], []],
    ['A R', 'RACI', ['A', 'R'], []],
    ['R / r', 'RACI', ['R', 'R'], []],
    ['C/I', 'RACI', ['C', 'I'], []],
    ['S', 'RACI', [], ['S']],
    ['V', 'RACI', [], ['V']],
    ['S', 'RASCI', ['S'], []],
    ['V', 'RASCI', [], ['V']],
    ['S', 'RACI-VS', ['S'], []],
    ['V', 'RACI-VS', ['V'], []],
    ['A/V', 'RACI-VS', ['A', 'V'], []],
    ['X', 'RACI', [], ['X']],
    ['R?', 'RACI', [], ['R?']],
    ['R, X', 'RACI', ['R'], ['X']],
    ['RS', 'RACI', ['R'], ['S']],
    ['yes', 'RACI', [], ['yes']],
    ['via', 'RACI-VS', [], ['via']],
    [1, 'RACI', [], ['1']],
    [true, 'RACI', [], ['TRUE']],
  ];
  it.each(cases)('reads %j under %s', (value, model, letters, unknown) => {
    const parsed = parseCodeCell(value, model);
    expect(parsed.letters).toEqual(letters);
    expect(parsed.unknown).toEqual(unknown);
    expect(parsed.empty).toBe(false);
    expect(parsed.raw).toBe(String(value === true ? 'TRUE' : value).trim());
  });

  const empties: CellValue[] = [
    null,
    '',
    '   ',
    '-',
    '–',
    '—',
    '--',
    'n/a',
    'N/A',
    'N / a',
    '\u00a0',
  ];
  it.each(empties.map((e) => [e]))('reads %j as empty', (value) => {
    const parsed = parseCodeCell(value, 'RACI');
    expect(parsed).toEqual({ raw: '', letters: [], unknown: [], empty: true });
    expect(isEmptyMark(value === null ? '' : String(value))).toBe(true);
  });

  it('does not read "na" or "none" as empty', () => {
    expect(parseCodeCell('none', 'RACI').empty).toBe(false);
    expect(parseCodeCell('none', 'RACI').unknown).toEqual(['none']);
  });
});

describe('cellShape', () => {
  const cases: [CellValue, string][] = [
    ['R', 'code'],
    ['a/r', 'code'],
    ['R, A', 'code'],
    ['S', 'code'],
    ['RACI', 'code'],
    ['-', 'empty-mark'],
    ['n/a', 'empty-mark'],
    [null, 'blank'],
    ['  ', 'blank'],
    ['X', 'short'],
    ['Y/N', 'short'],
    ['TBD', 'short'],
    ['Via', 'short'],
    ['Process Owner', 'text'],
    ['R = Responsible', 'text'],
    [3, 'number'],
    [false, 'number'],
  ];
  it.each(cases)('sees %j as %s', (value, shape) => {
    expect(cellShape(value)).toBe(shape);
  });
});
