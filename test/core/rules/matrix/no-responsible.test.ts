/** Table-driven tests of `matrix/no-responsible`: A/R counts as R; findings at the activity name cell. */
import { matrixNoResponsible } from '../../../../src/core/rules/matrix/no-responsible';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixNoResponsible, {
  valid: [
    {
      name: 'an R on every activity',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', 'A', 'C', 'r']],
    },
    {
      name: 'A/R, AR and R+A count as R',
      sheets: [header, ['Plan', 'A/R', '', ''], ['Do', 'AR', 'I', ''], ['Check', 'C', 'R+A', '']],
    },
    {
      name: 'A/R still counts as R when the configuration forbids it (redundant-code reports that)',
      sheets: [header, ['Plan', 'A/R', 'C', 'I']],
      config: { allowAccountableResponsible: false },
    },
  ],
  invalid: [
    {
      name: 'an activity with A, C and I only',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Approve', 'A', 'C', 'I']],
      errors: [{ cell: 'A3', severity: 'error' }],
    },
    {
      name: 'S is no R under RASCI',
      sheets: [header, ['Plan', 'A', 'S', 'I']],
      config: { model: 'RASCI' },
      errors: [{ cell: 'A2' }],
    },
    {
      name: 'an unknown mark is no R',
      sheets: [header, ['Plan', 'A', 'X', 'I']],
      errors: [{ cell: 'A2' }],
    },
  ],
});
