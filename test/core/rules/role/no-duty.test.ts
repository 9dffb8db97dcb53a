/**
 * Table-driven tests of `role/no-duty` (info): a role only ever C or I, at its header cell.
 * Includes the RACI table of seed 004, where CAB Member holds only C and I.
 */
import { roleNoDuty } from '../../../../src/core/rules/role/no-duty';
import { ruleTester } from '../../../support/rule-tester';

ruleTester(roleNoDuty, {
  valid: [
    {
      name: 'every role R or A somewhere',
      sheets: [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', 'A', 'C'],
        ['Do', 'I', 'A/R'],
      ],
    },
    {
      name: 'an unused role is another rule',
      sheets: [
        ['Activity', 'Owner', 'Manager', 'Auditor'],
        ['Plan', 'A', 'R', ''],
      ],
    },
    {
      name: 'S (Support) under RASCI is a duty',
      sheets: [
        ['Activity', 'Owner', 'Manager', 'Helper'],
        ['Plan', 'A', 'R', 'S'],
        ['Do', 'A', 'R', 'C'],
      ],
      config: { model: 'RASCI' },
    },
  ],
  invalid: [
    {
      name: 'the CAB Member of seed 004',
      sheets: [
        [
          'Activity',
          'Process Owner',
          'Change Manager',
          'CAB Member',
          'Service Owner',
          'Service Desk',
        ],
        ['Draft change policy', 'A', 'R', 'C', 'C', 'I'],
        ['Approve high risk change', 'I', 'A', 'C', 'C', 'I'],
        ['Schedule change window', 'I', 'R', 'C', 'A', 'I'],
        ['Inform users', 'I', 'I', 'I', 'C', 'R'],
      ],
      errors: [{ cell: 'D1', severity: 'info' }],
    },
    {
      name: 'a role with C/I cells only',
      sheets: [
        ['Activity', 'Owner', 'Manager', 'Watcher'],
        ['Plan', 'A', 'R', 'C/I'],
        ['Do', 'A', 'R', 'I'],
      ],
      errors: [{ cell: 'D1' }],
    },
    {
      name: 'a column of C and I with no role name',
      sheets: [
        ['Activity', 'Owner', 'Manager', null],
        ['Plan', 'A', 'R', 'C'],
        ['Do', 'A', 'R', 'I'],
      ],
      errors: [{ cell: 'D1', message: /^The unnamed role in column D on sheet "RACI" is only/ }],
    },
  ],
});
