/** Table-driven tests of `matrix/too-many-consulted`: more than `maxConsulted` C on one activity. */
import { matrixTooManyConsulted } from '../../../../src/core/rules/matrix/too-many-consulted';
import { ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'R1', 'R2', 'R3', 'R4', 'R5'];

ruleTester(matrixTooManyConsulted, {
  valid: [
    {
      name: 'four C (the default maximum)',
      sheets: [header, ['Plan', 'A', 'R', 'C', 'C', 'C', 'C', 'I']],
    },
    {
      name: 'five C with the maximum raised to 5',
      sheets: [header, ['Plan', 'A', 'R', 'C', 'C', 'C', 'C', 'C']],
      config: { thresholds: { maxConsulted: 5 } },
    },
  ],
  invalid: [
    {
      name: 'five C',
      sheets: [
        header,
        ['Plan', 'A', 'R', 'C', 'C', 'C', 'C', 'C'],
        ['Do', 'A', 'R', 'C', 'I', '', '', ''],
      ],
      errors: [{ cell: 'A2', severity: 'warning' }],
    },
    {
      name: 'two C with the maximum lowered to 1, C inside combined cells counted',
      sheets: [header, ['Plan', 'A', 'R', 'C', 'c', '', '', '']],
      config: { thresholds: { maxConsulted: 1 } },
      errors: [{ cell: 'A2' }],
    },
    {
      name: 'one C with the maximum lowered to 0: "1 role"',
      sheets: [header, ['Plan', 'A', 'R', 'C', '', '', '', '']],
      config: { thresholds: { maxConsulted: 0 } },
      errors: [{ cell: 'A2', message: /consults 1 role \("R1"\), more than 0\./ }],
    },
  ],
});
