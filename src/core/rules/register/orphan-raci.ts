/** `register/orphan-raci`: a RACI matrix that no register item links to (only with a Register). */
import { at } from '../../governance/findings';
import { linkItems } from '../../governance/links';
import type { RaciMatrix } from '../../model';
import { toA1 } from '../../text';
import type { Rule } from '../types';

export const registerOrphanRaci: Rule = {
  id: 'register/orphan-raci',
  group: 'register',
  defaultSeverity: 'warning',
  description: 'A RACI matrix belongs to no process or service in the Register.',
  rationale:
    'A matrix outside the Register is never reviewed or sponsored; it is either a missing Register row or a stale copy.',
  check({ workbook }) {
    const register = workbook.register;
    if (!register) return [];
    const linked = new Set<RaciMatrix>();
    for (const matrices of linkItems(workbook).values()) for (const m of matrices) linked.add(m);
    return workbook.matrices
      .filter((m) => !linked.has(m))
      .map((m) => ({
        ...at(m.sheet, toA1(m.headerRow, m.activityColumn)),
        message: `The RACI matrix on sheet "${m.sheet}" (header row ${m.headerRow}) belongs to no item of the Register "${register.sheet}".`,
        suggestion:
          'Add its process or service to the Register and name this sheet in its RACI sheet column.',
      }));
  },
};
