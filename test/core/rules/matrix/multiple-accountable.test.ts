/** Table-driven tests of `matrix/multiple-accountable`: findings at the activity name cell. */
import { matrixMultipleAccountable } from '../../../../src/core/rules/matrix/multiple-accountable';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixMultipleAccountable, {
  valid: [
    { name: 'exactly one A', sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', 'I', 'A/R', 'C']] },
    { name: 'no A at all is another rule', sheets: [header, ['Plan', 'R', 'C', 'I']] },
    { name: 'one cell repeating A counts once', sheets: [header, ['Plan', 'A/A', 'R', 'I']] },
  ],
  invalid: [
    {
      name: 'two roles marked A',
      sheets: [header, ['Plan', 'A', 'A', 'R'], ['Do', 'A', 'R', 'I']],
      errors: [{ cell: 'A2', severity: 'error' }],
    },
    {
      name: 'A hidden in combined cells',
      sheets: [header, ['Plan', 'R, A', 'a', 'A+R']],
      errors: [{ cell: 'A2' }],
    },
    {
      name: 'an unnamed row is still checked',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['', 'A', 'A', 'R']],
      errors: [{ cell: 'A3' }],
    },
  ],
});
