/** Table-driven tests of `role/unknown`. */
import { roleUnknown } from '../../../../src/core/rules/role/unknown';
import { analyseCase, ruleTester } from '../../../support/rule-tester';
import { item, matrix, register, roles, workbook } from '../../governance/fixtures';

ruleTester(roleUnknown, {
  valid: [
    { name: 'no Roles sheet: not checked', sheets: workbook([item()]) },
    {
      name: 'an unnamed column of codes without a Roles sheet: not checked',
      sheets: [
        register([item()]),
        {
          name: 'Incident Management RACI',
          rows: [
            ['Activity', 'Desk', 'Lead', null],
            ['Log the call', 'R', 'A', 'R'],
          ],
        },
      ],
    },
    {
      name: 'listed by role, case and spacing ignored',
      sheets: workbook(
        [item()],
        roles([
          ['desk', '', 'Dee'],
          ['LEAD', '', 'Lou'],
        ]),
      ),
    },
    {
      name: 'listed by generic category',
      sheets: [
        register([item()]),
        matrix('Incident Management RACI', ['Desk', 'Process Manager']),
        roles([
          ['Desk', '', 'Dee'],
          ['Incident Lead', 'Process Manager', 'Lou'],
        ]),
      ],
    },
  ],
  invalid: [
    {
      name: 'a misspelt role',
      sheets: [
        register([item()]),
        matrix('Incident Management RACI', ['Desk', 'Laed']),
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'Lou'],
        ]),
      ],
      errors: [
        {
          sheet: 'Incident Management RACI',
          cell: 'C1',
          item: 'Incident Management',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a column of codes with no role name',
      sheets: [
        register([item()]),
        {
          name: 'Incident Management RACI',
          rows: [
            ['Activity', 'Desk', 'Lead', null],
            ['Log the call', 'R', 'A', 'R'],
            ['Close the call', 'R', 'A', 'I'],
          ],
        },
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'Lou'],
        ]),
      ],
      errors: [{ sheet: 'Incident Management RACI', cell: 'D1', item: 'Incident Management' }],
    },
    {
      name: 'two unknown roles',
      sheets: workbook([item()], roles([['Analyst', '', 'Ann']])),
      errors: [
        { sheet: 'Incident Management RACI', cell: 'B1' },
        { sheet: 'Incident Management RACI', cell: 'C1' },
      ],
    },
  ],
});

describe('role/unknown suggestion', () => {
  it('names the closest known role', () => {
    const found = analyseCase({
      name: 'x',
      sheets: [
        register([item()]),
        matrix('Incident Management RACI', ['Desk', 'Laed']),
        roles([
          ['Desk', '', 'Dee'],
          ['Lead', '', 'Lou'],
        ]),
      ],
    }).find((f) => f.rule === 'role/unknown');
    expect(found?.suggestion).toContain('"Lead"');
    expect(found?.role).toBe('Laed');
  });
});
