/**
 * The static, ordered list of every rule. Order matters only in that a rule sees the findings
 * of the rules before it (`waiver/invalid` comes last). A test fails when a rule file is
 * missing from this list, has no test, or repeats an id.
 */
import type { Rule } from './types';
// -- matrix and role rules that need only the matrix (issue: core part 1)
import { matrixNoAccountable } from './matrix/no-accountable';
import { matrixMultipleAccountable } from './matrix/multiple-accountable';
import { matrixNoResponsible } from './matrix/no-responsible';
import { matrixUnknownCode } from './matrix/unknown-code';
import { matrixRedundantCode } from './matrix/redundant-code';
import { matrixTooManyConsulted } from './matrix/too-many-consulted';
import { matrixTooManyResponsible } from './matrix/too-many-responsible';
import { matrixUnnamedActivity } from './matrix/unnamed-activity';
import { matrixDuplicateActivity } from './matrix/duplicate-activity';
import { roleUnused } from './role/unused';
import { roleNoDuty } from './role/no-duty';
import { roleOverloaded } from './role/overloaded';
import { roleDuplicate } from './role/duplicate';
import { workbookNoMatrix } from './workbook/no-matrix';
// -- role rules that need the Roles sheet, register, review, workbook, waiver (core part 2)
import { roleUnknown } from './role/unknown';
import { roleVacant } from './role/vacant';
import { roleSharedAccountability } from './role/shared-accountability';
import { roleSodConflict } from './role/sod-conflict';
import { registerNoOwner } from './register/no-owner';
import { registerMultipleOwners } from './register/multiple-owners';
import { registerNoSponsor } from './register/no-sponsor';
import { registerSponsorNotInLeadership } from './register/sponsor-not-in-leadership';
import { registerNoManager } from './register/no-manager';
import { registerNoRaci } from './register/no-raci';
import { registerOrphanRaci } from './register/orphan-raci';
import { registerDuplicateItem } from './register/duplicate-item';
import { reviewNever } from './review/never';
import { reviewOverdue } from './review/overdue';
import { reviewDueSoon } from './review/due-soon';
import { reviewInvalidCadence } from './review/invalid-cadence';
import { reviewInvalidDate } from './review/invalid-date';
import { reviewFutureDate } from './review/future-date';
import { reviewSponsorReviewMissing } from './review/sponsor-review-missing';
import { reviewNoSignoff } from './review/no-signoff';
import { workbookUnreadable } from './workbook/unreadable';
import { waiverInvalid } from './waiver/invalid';

export const RULES: readonly Rule[] = [
  // part 1: matrix/*, then role/* (matrix only), then workbook/no-matrix
  matrixNoAccountable,
  matrixMultipleAccountable,
  matrixNoResponsible,
  matrixUnknownCode,
  matrixRedundantCode,
  matrixTooManyConsulted,
  matrixTooManyResponsible,
  matrixUnnamedActivity,
  matrixDuplicateActivity,
  roleUnused,
  roleNoDuty,
  roleOverloaded,
  roleDuplicate,
  workbookNoMatrix,
  // part 2: role/* (Roles sheet), register/*, review/*, waiver/invalid (last)
  roleUnknown,
  roleVacant,
  roleSharedAccountability,
  roleSodConflict,
  registerNoOwner,
  registerMultipleOwners,
  registerNoSponsor,
  registerSponsorNotInLeadership,
  registerNoManager,
  registerNoRaci,
  registerOrphanRaci,
  registerDuplicateItem,
  reviewNever,
  reviewOverdue,
  reviewDueSoon,
  reviewInvalidCadence,
  reviewInvalidDate,
  reviewFutureDate,
  reviewSponsorReviewMissing,
  reviewNoSignoff,
  workbookUnreadable,
  waiverInvalid,
];

/** The ids of all rules, in registry order. */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Returns the rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
