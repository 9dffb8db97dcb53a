/** Table-driven tests of `role/unused`: a role column with no code, at the role's header cell. */
import { roleUnused } from '../../../../src/core/rules/role/unused';
import { ruleTester } from '../../../support/rule-tester';

ruleTester(roleUnused, {
  valid: [
    {
      name: 'every role used',
      sheets: [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', 'A', 'R'],
        ['Do', 'I', 'A/R'],
      ],
    },
    {
      name: 'trailing Notes columns, empty or not, are no roles',
      sheets: [
        ['Activity', 'Owner', 'Manager', 'Notes', 'Comments'],
        ['Plan', 'A', 'R', 'Agreed in March', null],
      ],
    },
  ],
  invalid: [
    {
      name: 'a role with blanks and dashes only',
      sheets: [
        ['Activity', 'Owner', 'Manager', 'Auditor'],
        ['Plan', 'A', 'R', ''],
        ['Do', 'A', 'R', '-'],
      ],
      errors: [{ cell: 'D1', severity: 'warning' }],
    },
    {
      name: 'an unused role between the activity and the coded columns',
      sheets: [
        ['Activity', 'Auditor', 'Owner', 'Manager'],
        ['Plan', null, 'A', 'R'],
      ],
      errors: [{ cell: 'B1', message: /has no code on its one activity\.$/ }],
    },
    {
      name: 'a role holding only unknown marks has no codes',
      sheets: [
        ['Activity', 'Owner', 'Helper', 'Manager'],
        ['Plan', 'A', 'X', 'R'],
      ],
      errors: [{ cell: 'C1' }],
    },
  ],
});
