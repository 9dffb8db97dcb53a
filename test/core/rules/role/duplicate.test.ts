/** Table-driven tests of `role/duplicate` (error): the later header cell of a repeated role. */
import { roleDuplicate } from '../../../../src/core/rules/role/duplicate';
import { ruleTester } from '../../../support/rule-tester';

ruleTester(roleDuplicate, {
  valid: [
    {
      name: 'distinct roles',
      sheets: [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', 'A', 'R'],
      ],
    },
    {
      name: 'the same role in two stacked matrices',
      sheets: [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', 'A', 'R'],
        [],
        ['Activity', 'Owner', 'Manager'],
        ['Do', 'A', 'R'],
      ],
    },
  ],
  invalid: [
    {
      name: 'a role repeated with different case and spaces',
      sheets: [
        ['Activity', 'Change Manager', 'Owner', ' change  manager'],
        ['Plan', 'A', 'R', 'I'],
      ],
      errors: [{ cell: 'D1', severity: 'error' }],
    },
    {
      name: 'a role three times',
      sheets: [
        ['Activity', 'Owner', 'Owner', 'Owner', 'Desk'],
        ['Plan', 'A', 'R', 'C', 'I'],
      ],
      errors: [{ cell: 'C1' }, { cell: 'D1' }],
    },
  ],
});
