/** Table-driven tests of `role/sod-conflict`. */
import { roleSodConflict } from '../../../../src/core/rules/role/sod-conflict';
import { ruleTester } from '../../../support/rule-tester';
import { item, roles, workbook } from '../../governance/fixtures';

ruleTester(roleSodConflict, {
  valid: [
    {
      name: 'different people',
      sheets: workbook(
        [item()],
        roles([
          ['Change Initiator', '', 'Ann'],
          ['Change Authority', '', 'Bob'],
        ]),
      ),
    },
    {
      name: 'pair configured away',
      sheets: workbook(
        [item()],
        roles([
          ['Change Initiator', '', 'Ann'],
          ['Change Authority', '', 'Ann'],
        ]),
      ),
      config: { conflictingRoles: '' },
    },
  ],
  invalid: [
    {
      name: 'default pair, same person with other case and spacing',
      sheets: workbook(
        [item()],
        roles([
          ['Change Initiator', '', 'Ann  Smith, Bob'],
          ['Change Authority', '', 'ann smith'],
        ]),
      ),
      errors: [{ sheet: 'Roles', cell: 'A3', severity: 'error' }],
    },
    {
      name: 'roles matched by category, person by email',
      sheets: workbook(
        [item()],
        roles([
          ['Requester', 'Change Initiator', 'ann@x.org'],
          ['CAB Chair', 'Change Authority', 'Ann Smith <ANN@x.org>'],
        ]),
      ),
      errors: [{ sheet: 'Roles', cell: 'A3' }],
    },
    {
      name: 'a configured pair',
      sheets: workbook(
        [item()],
        roles([
          ['Buyer', '', 'Cy'],
          ['Payer', '', 'Cy'],
          ['Auditor', '', 'Cy'],
        ]),
      ),
      config: { conflictingRoles: 'Buyer <> Payer; Payer <> Auditor' },
      errors: [
        { sheet: 'Roles', cell: 'A3' },
        { sheet: 'Roles', cell: 'A4' },
      ],
    },
  ],
});
