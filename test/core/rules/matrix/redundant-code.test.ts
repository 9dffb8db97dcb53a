/**
 * Table-driven tests of `matrix/redundant-code`: repeated letters, C or I with R or A, and A
 * with R when `allowAccountableResponsible` is false; findings at the cell.
 */
import { matrixRedundantCode } from '../../../../src/core/rules/matrix/redundant-code';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixRedundantCode, {
  valid: [
    { name: 'single letters', sheets: [header, ['Plan', 'A', 'R', 'I']] },
    {
      name: 'A/R in every spelling when allowed',
      sheets: [
        header,
        ['Plan', 'A/R', 'C', 'I'],
        ['Do', 'R, A', 'I', ''],
        ['Check', 'AR', '', 'C'],
      ],
    },
    { name: 'C with I', sheets: [header, ['Plan', 'A', 'R', 'C/I']] },
  ],
  invalid: [
    {
      name: 'a repeated letter',
      sheets: [header, ['Plan', 'A', 'R/R', 'I'], ['Do', 'A', 'R', 'i, I']],
      errors: [{ cell: 'C2', severity: 'warning' }, { cell: 'D3' }],
    },
    {
      name: 'C or I combined with R or A',
      sheets: [header, ['Plan', 'A/C', 'R', 'I'], ['Do', 'A', 'R+I', '']],
      errors: [{ cell: 'B2' }, { cell: 'C3' }],
    },
    {
      name: 'A with R when the configuration forbids it',
      sheets: [header, ['Plan', 'A/R', 'C', 'I'], ['Do', 'A', 'R', 'I'], ['Check', 'RA', '', '']],
      config: { allowAccountableResponsible: false },
      errors: [{ cell: 'B2' }, { cell: 'B4' }],
    },
  ],
});
