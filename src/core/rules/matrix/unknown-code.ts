/**
 * `matrix/unknown-code`: a matrix cell holding something that is not a code of the configured
 * model, such as `X`, `Yes`, or `S`/`V` under plain RACI. Reported at the cell.
 */
import { letterMeaning, modelLetters } from '../../matrix/codes';
import {
  activityLabel,
  cellFinding,
  cellsWithUnknownTokens,
  roleLabel,
} from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixUnknownCode: Rule = {
  id: 'matrix/unknown-code',
  group: 'matrix',
  defaultSeverity: 'error',
  description: 'A matrix cell holds something that is not a code of the configured RACI model.',
  rationale:
    'A mark the model does not define means different things to different readers, and the other checks cannot count it.',
  check({ workbook, config }) {
    const findings: RuleFinding[] = [];
    const allowed = modelLetters(config.model);
    const allowedText = allowed.map((l) => `${l} (${letterMeaning(l, config.model)})`).join(', ');
    for (const matrix of workbook.matrices) {
      for (const position of cellsWithUnknownTokens(matrix)) {
        const activity = matrix.activities[position.activity];
        const roleIndex = position.role;
        const cell = activity.cells[roleIndex];
        const tokens = cell.unknown.map((t) => `"${t}"`).join(', ');
        const otherModel = cell.unknown.some((t) => t === 'S' || t === 'V');
        const role = matrix.roles[roleIndex];
        findings.push(
          cellFinding(
            matrix,
            activity,
            roleIndex,
            `Cell ${cell.cell} on sheet "${matrix.sheet}" (activity ${activityLabel(activity)}, role ${roleLabel(role)}) holds ${tokens}, which ${cell.unknown.length === 1 ? 'is not a code' : 'are not codes'} of the ${config.model} model.`,
            otherModel
              ? `Use ${allowed.join(', ')}, or set the model to ${cell.unknown.includes('V') ? 'RACI-VS' : 'RASCI or RACI-VS'} in the configuration.`
              : `Use one of ${allowedText}, combined like A/R where allowed, or leave the cell empty.`,
          ),
        );
      }
    }
    return findings;
  },
};
