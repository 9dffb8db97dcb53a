/** Table-driven tests of `matrix/unknown-code`: findings at the cell, per configured model. */
import { matrixUnknownCode } from '../../../../src/core/rules/matrix/unknown-code';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixUnknownCode, {
  valid: [
    {
      name: 'every code and empty spelling of plain RACI',
      sheets: [
        header,
        ['Plan', 'A/R', ' c ', 'i'],
        ['Do', 'A', 'R, C', '-'],
        ['Check', 'a', 'r', 'n/a'],
      ],
    },
    {
      name: 'S under RASCI',
      sheets: [header, ['Plan', 'A', 'R', 'S']],
      config: { model: 'RASCI' },
    },
    {
      name: 'S under RASCI chosen in a Config sheet',
      sheets: [
        { name: 'RACI', rows: [header, ['Plan', 'A', 'R', 'S']] },
        {
          name: 'Config',
          rows: [
            ['Key', 'Value'],
            ['model', 'RASCI'],
          ],
        },
      ],
    },
    {
      name: 'S and V under RACI-VS',
      sheets: [header, ['Plan', 'A', 'R/V', 'S']],
      config: { model: 'RACI-VS' },
    },
    {
      name: 'a trailing Notes column is no role',
      sheets: [
        [...header, 'Notes'],
        ['Plan', 'A', 'R', 'I', 'Needs X and Y'],
      ],
    },
  ],
  invalid: [
    {
      name: 'X, a question mark and a word',
      sheets: [header, ['Plan', 'X', 'R?', 'A'], ['Do', 'Yes', 'R', 'A']],
      errors: [{ cell: 'B2', severity: 'error' }, { cell: 'C2' }, { cell: 'B3' }],
    },
    {
      name: 'S and V under plain RACI',
      sheets: [header, ['Plan', 'A', 'R', 'S'], ['Do', 'A/V', 'R', '']],
      errors: [{ cell: 'D2' }, { cell: 'B3' }],
    },
    {
      name: 'V under RASCI',
      sheets: [header, ['Plan', 'A', 'R', 'V']],
      config: { model: 'RASCI' },
      errors: [{ cell: 'D2' }],
    },
    {
      name: 'a number in a role cell',
      sheets: [header, ['Plan', 'A', 1, 'R'], ['Do', 'A', 'C', 'R']],
      errors: [{ cell: 'C2' }],
    },
    {
      name: 'a row of unknown marks between activities',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Check', 'X', 'X', ''], ['Do', 'A', 'R', 'I']],
      errors: [{ cell: 'B3' }, { cell: 'C3' }],
    },
  ],
});
