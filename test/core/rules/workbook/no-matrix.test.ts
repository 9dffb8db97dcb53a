/**
 * Table-driven tests of `workbook/no-matrix` (error): one finding with no cell, on the
 * workbook's first sheet, when no sheet holds a RACI matrix.
 */
import { workbookNoMatrix } from '../../../../src/core/rules/workbook/no-matrix';
import { analyseCase, ruleTester } from '../../../support/rule-tester';

ruleTester(workbookNoMatrix, {
  valid: [
    {
      name: 'a matrix on the only sheet',
      sheets: [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', 'A', 'R'],
      ],
    },
    {
      name: 'a matrix on the second sheet',
      sheets: [
        { name: 'Notes', rows: [['Read me first']] },
        {
          name: 'Change',
          rows: [
            ['Task', 'Owner', 'Manager'],
            ['Plan', 'A', 'R'],
          ],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'only notes and a legend',
      sheets: [
        {
          name: 'Notes',
          rows: [['Meeting notes'], ['Legend'], ['R', 'Responsible'], ['A', 'Accountable']],
        },
        {
          name: 'Register',
          rows: [
            ['Name', 'Kind', 'Owner'],
            ['Change', 'Process', 'Jane'],
          ],
        },
      ],
      errors: [{ sheet: 'Notes', cell: undefined, severity: 'error' }],
    },
    {
      name: 'a header with no codes under it',
      sheets: [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', '', ''],
        ['Do', '', ''],
      ],
      errors: [{ cell: undefined }],
    },
  ],
});

describe('workbook/no-matrix on a workbook with no sheets', () => {
  it('reports once, with no sheet and no cell', () => {
    const found = analyseCase({ name: 'empty', sheets: [] }).filter(
      (f) => f.rule === 'workbook/no-matrix',
    );
    expect(found).toHaveLength(1);
    expect(found[0].sheet).toBeUndefined();
    expect(found[0].cell).toBeUndefined();
  });
});
