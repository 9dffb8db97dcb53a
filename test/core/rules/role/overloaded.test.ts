/**
 * Table-driven tests of `role/overloaded` (info): A on more than `overloadedShare` (half) of a
 * matrix of 6 or more activities, at the role's header cell.
 */
import { roleOverloaded } from '../../../../src/core/rules/role/overloaded';
import type { Grid } from '../../../../src/core/model';
import { ruleTester } from '../../../support/rule-tester';

/** A matrix of `total` activities where Owner is A on the first `ownerA` and Manager on the rest. */
function matrix(total: number, ownerA: number): Grid {
  const rows: Grid = [['Activity', 'Owner', 'Manager', 'Desk']];
  for (let i = 0; i < total; i++) {
    rows.push([`Activity ${i + 1}`, i < ownerA ? 'A' : 'C', i < ownerA ? 'R' : 'A/R', 'I']);
  }
  return rows;
}

ruleTester(roleOverloaded, {
  valid: [
    { name: 'A on exactly half of 6', sheets: matrix(6, 3) },
    { name: 'A on all of 5 (too few activities)', sheets: matrix(5, 5) },
    {
      name: 'A on 4 of 6 with the share raised to 0.7',
      sheets: matrix(6, 4),
      config: { thresholds: { overloadedShare: 0.7 } },
    },
  ],
  invalid: [
    { name: 'A on 4 of 6', sheets: matrix(6, 4), errors: [{ cell: 'B1', severity: 'info' }] },
    {
      name: 'A on 2 of 10 with the share lowered to 0.1',
      sheets: matrix(10, 2),
      config: { thresholds: { overloadedShare: 0.1 } },
      errors: [{ cell: 'B1' }, { cell: 'C1' }],
    },
    {
      name: 'a column with no role name, A on 4 of 6',
      sheets: matrix(6, 4).map((row, i) => (i === 0 ? ['Activity', null, 'Manager', 'Desk'] : row)),
      errors: [
        { cell: 'B1', message: /^The unnamed role in column B on sheet "RACI" is Accountable/ },
      ],
    },
  ],
});
