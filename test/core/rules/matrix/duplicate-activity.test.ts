/** Table-driven tests of `matrix/duplicate-activity`: the later of two same-named activities. */
import { matrixDuplicateActivity } from '../../../../src/core/rules/matrix/duplicate-activity';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixDuplicateActivity, {
  valid: [
    { name: 'distinct names', sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', 'A', 'R', '']] },
    {
      name: 'the same name in two sections',
      sheets: [
        header,
        ['Design'],
        ['Review', 'A', 'R', 'I'],
        ['Transition'],
        ['Review', 'A', 'R', 'C'],
      ],
    },
    {
      name: 'the same name in two stacked matrices',
      sheets: [header, ['Review', 'A', 'R', 'I'], [], header, ['Review', 'A', 'R', 'I']],
    },
  ],
  invalid: [
    {
      name: 'a repeat differing only in case and spaces',
      sheets: [
        header,
        ['Approve change', 'A', 'R', 'I'],
        ['Do', 'A', 'R', ''],
        ['approve  CHANGE ', 'A', 'R', ''],
      ],
      errors: [{ cell: 'A4', severity: 'warning' }],
    },
    {
      name: 'three times: the second and third',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Plan', 'A', 'R', ''], ['Plan', 'A', 'R', '']],
      errors: [{ cell: 'A3' }, { cell: 'A4' }],
    },
  ],
});
