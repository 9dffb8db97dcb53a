/** Table-driven tests of `role/shared-accountability`. */
import { roleSharedAccountability } from '../../../../src/core/rules/role/shared-accountability';
import { ruleTester } from '../../../support/rule-tester';
import { item, roles, workbook } from '../../governance/fixtures';

ruleTester(roleSharedAccountability, {
  valid: [
    {
      name: 'one holder',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'Dee, Ed'],
          ['Lead', '', 'Lou'],
        ]),
      ),
    },
    {
      name: 'the same person twice (name and email) is one holder',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'lou@x.org;\nLou Lead <LOU@x.org>'],
        ]),
      ),
    },
    {
      name: 'several holders of an R-only role',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'Dee; Ed; Fay'],
          ['Lead', '', 'Lou'],
        ]),
      ),
    },
  ],
  invalid: [
    {
      name: 'two holders of the accountable role',
      sheets: workbook(
        [item()],
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'Lou\nMo'],
        ]),
      ),
      errors: [
        {
          sheet: 'Incident Management RACI',
          cell: 'C1',
          item: 'Incident Management',
          severity: 'warning',
        },
      ],
    },
  ],
});
