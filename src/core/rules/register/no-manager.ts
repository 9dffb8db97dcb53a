/**
 * `register/no-manager`: a process in the Register with no manager named. Services, practices
 * and other items need none (SPEC: the manager check applies to processes).
 */
import { managesProcess } from '../../governance/compliance';
import { itemFinding } from '../../governance/findings';
import type { Rule } from '../types';

export const registerNoManager: Rule = {
  id: 'register/no-manager',
  group: 'register',
  defaultSeverity: 'warning',
  description: 'A process in the Register has no process manager.',
  rationale:
    'The process owner answers for the design; a process manager runs it day to day. Without one the process runs on goodwill.',
  check({ workbook }) {
    return (workbook.register?.items ?? [])
      .filter((item) => managesProcess(item) && item.managers.length === 0)
      .map((item) =>
        itemFinding(
          item,
          `Process "${item.name}" has no manager in the Register.`,
          item.managerCell,
          'Name the process manager in the Manager column.',
        ),
      );
  },
};
