/**
 * The worksheet counter's quick row of a cell reference (`rowOfCellRef`) against the rule it
 * stands in for (`rowOfRef`): the same row, or null, for every kind of reference a cell's `r`
 * may hold, plain or not (lower case, `$`, spaces, too many letters or digits, none at all).
 */
import { rowOfRef } from '../../../audit/guard/cells';
import { rowOfCellRef } from '../../../audit/guard/sheet-scan';

describe('rowOfCellRef gives what rowOfRef gives', () => {
  const refs = [
    'A1',
    'B7',
    'XFD1048576',
    'ZZZ9999999',
    'A0',
    'A01',
    '7',
    '0',
    '',
    'A',
    'ABCD1',
    'a1',
    '$A$1',
    ' A1',
    'A1 ',
    'A12345678',
    'A1B',
    'A-1',
    'A١',
  ];
  test.each(refs)('%j', (ref) => expect(rowOfCellRef(ref)).toBe(rowOfRef(ref)));

  it('for every mix of letters, digits and other characters up to 6 long', () => {
    const alphabet = ['A', 'Z', 'a', '0', '1', '9', '$', ' ', ':'];
    const differences: string[] = [];
    const visit = (ref: string) => {
      if (rowOfCellRef(ref) !== rowOfRef(ref)) differences.push(ref);
      if (ref.length < 6) for (const c of alphabet) visit(ref + c);
    };
    visit('');
    expect(differences).toStrictEqual([]);
  });
});
