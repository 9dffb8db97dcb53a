/** Table-driven tests of `matrix/no-accountable`: findings at the activity name cell. */
import { matrixNoAccountable } from '../../../../src/core/rules/matrix/no-accountable';
import { analyseCase, ruleTester } from '../../../support/rule-tester';

const header = ['Activity', 'Owner', 'Manager', 'Desk'];

ruleTester(matrixNoAccountable, {
  valid: [
    {
      name: 'one A per activity',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', 'C', 'A/R', 'I']],
    },
    {
      name: 'A written as R/A, ar or A,R',
      sheets: [header, ['Plan', 'R/A', '', ''], ['Do', 'ar', 'C', ''], ['Check', '', '', 'A,R']],
    },
    {
      name: 'a section row has no codes and is no activity',
      sheets: [header, ['Phase 1'], ['Plan', 'A', 'R', '']],
    },
  ],
  invalid: [
    {
      name: 'an activity with R, C and I but no A',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', 'C', 'R', 'I']],
      errors: [{ cell: 'A3', severity: 'error' }],
    },
    {
      name: 'an activity marked only with "empty" spellings',
      sheets: [header, ['Plan', 'A', 'R', 'I'], ['Do', '-', 'n/a', '—']],
      errors: [{ cell: 'A3' }],
    },
    {
      name: 'with ID and phase columns, at the activity column',
      sheets: [
        ['Ref', 'Phase', 'Task', 'Owner', 'Manager'],
        ['1', 'Plan', 'Scope', 'A', 'R'],
        ['2', '', 'Budget', 'R', 'C'],
      ],
      errors: [{ cell: 'C3' }],
    },
    {
      name: 'in the second of two stacked matrices and on another sheet',
      sheets: [
        {
          name: 'Change',
          rows: [
            header,
            ['Plan', 'A', 'R', 'I'],
            [],
            ['Step', 'Lead', 'Team'],
            ['Build', 'R', 'C'],
          ],
        },
        { name: 'Incident', rows: [header, ['Log', 'I', 'R', 'C']] },
      ],
      errors: [
        { sheet: 'Change', cell: 'A5' },
        { sheet: 'Incident', cell: 'A2' },
      ],
    },
    {
      name: 'severity follows the configuration',
      sheets: [header, ['Do', 'C', 'R', 'I']],
      config: { rules: { 'matrix/no-accountable': 'warning' } },
      errors: [{ cell: 'A2', severity: 'warning' }],
    },
  ],
});

describe('matrix/no-accountable when switched off', () => {
  it('reports nothing', () => {
    const found = analyseCase({
      name: 'off',
      sheets: [header, ['Do', 'C', 'R', 'I']],
      config: { rules: { 'matrix/no-accountable': 'off' } },
    }).filter((f) => f.rule === 'matrix/no-accountable');
    expect(found).toEqual([]);
  });
});
