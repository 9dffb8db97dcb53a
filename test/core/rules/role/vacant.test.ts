/** Table-driven tests of `role/vacant`. */
import { roleVacant } from '../../../../src/core/rules/role/vacant';
import { ruleTester } from '../../../support/rule-tester';
import { item, register, roles, workbook } from '../../governance/fixtures';

const consultedOnly = {
  name: 'Incident Management RACI',
  rows: [
    ['Activity', 'Desk', 'Lead', 'Legal'],
    ['Log', 'R', 'A', 'C'],
  ],
};

ruleTester(roleVacant, {
  valid: [
    { name: 'no Roles sheet: not checked', sheets: workbook([item()]) },
    {
      name: 'every R and A role held',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'Lou'],
        ]),
      ),
    },
    {
      name: 'a role used only as C may be vacant',
      sheets: [
        register([item()]),
        consultedOnly,
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'Lou'],
          ['Legal', '', ''],
        ]),
      ],
    },
    {
      name: 'an unlisted role is role/unknown, not vacant',
      sheets: workbook([item()], roles([['Desk', '', 'Dee']])),
    },
  ],
  invalid: [
    {
      name: 'accountable role with no holder',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', ''],
        ]),
      ),
      errors: [
        {
          sheet: 'Incident Management RACI',
          cell: 'C1',
          item: 'Incident Management',
          severity: 'error',
        },
      ],
    },
    {
      name: 'responsible role whose holder is a placeholder',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'vacant'],
          ['Lead', '', 'Lou'],
        ]),
      ),
      errors: [{ sheet: 'Incident Management RACI', cell: 'B1' }],
    },
  ],
});
