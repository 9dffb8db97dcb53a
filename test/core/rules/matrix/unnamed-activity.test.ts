/** Table-driven tests of `matrix/unnamed-activity`: codes on a row with no name, at the name cell. */
import { matrixUnnamedActivity } from '../../../../src/core/rules/matrix/unnamed-activity';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixUnnamedActivity, {
  valid: [
    { name: 'every row named', sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', 'A', 'R', '']] },
    {
      name: 'a row of dashes with no name is a spacer',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['', '-', '-', '-'], ['Do', 'A', 'R', '']],
    },
    {
      name: 'an activity name merged down over two rows',
      sheets: [
        {
          name: 'RACI',
          rows: [header, ['Plan', 'A', 'R', 'I'], [null, 'A', 'R', 'C']],
          merges: ['A2:A3'],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'codes with a blank name cell',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['', 'A', 'R', 'I'], ['  ', 'I', 'A/R', '']],
      errors: [{ cell: 'A3', severity: 'error' }, { cell: 'A4' }],
    },
    {
      name: 'with an ID column: the activity column is the one pointed at',
      sheets: [
        ['ID', 'Activity', 'Owner', 'Manager'],
        ['1', 'Plan', 'A', 'R'],
        ['2', '', 'A', 'R'],
      ],
      errors: [{ cell: 'B3' }],
    },
  ],
});
