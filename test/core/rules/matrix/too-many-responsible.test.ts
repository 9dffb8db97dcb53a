/** Table-driven tests of `matrix/too-many-responsible`: more than `maxResponsible` R (A/R included). */
import { matrixTooManyResponsible } from '../../../../src/core/rules/matrix/too-many-responsible';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'R1', 'R2', 'R3'];

ruleTester(matrixTooManyResponsible, {
  valid: [
    { name: 'three R (the default maximum)', sheets: [header, ['Plan', 'A', 'R', 'R', 'R', 'I']] },
    {
      name: 'four R with the maximum raised to 4',
      sheets: [header, ['Plan', 'A/R', 'R', 'R', 'R', 'I']],
      config: { thresholds: { maxResponsible: 4 } },
    },
  ],
  invalid: [
    {
      name: 'four R, one of them A/R',
      sheets: [header, ['Plan', 'A/R', 'R', 'R', 'R', 'I'], ['Do', 'A', 'R', '', '', '']],
      errors: [{ cell: 'A2', severity: 'info' }],
    },
    {
      name: 'two R with the maximum lowered to 1',
      sheets: [header, ['Plan', 'A', 'R', 'r', '', '']],
      config: { thresholds: { maxResponsible: 1 } },
      errors: [{ cell: 'A2' }],
    },
    {
      name: 'one R with the maximum lowered to 0: "1 role"',
      sheets: [header, ['Plan', 'A', 'R', '', '', '']],
      config: { thresholds: { maxResponsible: 0 } },
      errors: [{ cell: 'A2', message: /has 1 role marked R \("Manager"\), more than 0\./ }],
    },
  ],
});
