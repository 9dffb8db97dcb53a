/**
 * Waivers: a Waivers-sheet row names a rule id (or a whole group as `matrix/*`), optionally an
 * item or sheet, and optionally a cell (A1) or an activity (or role). It applies to the
 * findings it matches when it has a reason and an approver and has not expired (it is valid
 * through its Expires date). Waived findings stay in the results, marked `waived` with the
 * waiver, and do not count against compliance. Waivers that are incomplete, expired or match
 * nothing are reported by `waiver/invalid`.
 */
import type { Finding, WaiverEntry, WorkbookModel } from '../model';
import { fromA1, normaliseName } from '../text';

/** Returns why the waiver cannot apply on `asOf` (incomplete or expired), or undefined when it can. */
export function waiverProblem(entry: WaiverEntry, asOf: string): string | undefined {
  const missing = [
    entry.rule.trim() === '' ? 'a rule' : '',
    entry.reason.trim() === '' ? 'a reason' : '',
    entry.approvedBy.trim() === '' ? 'an approver' : '',
  ].filter(Boolean);
  if (missing.length) {
    const list =
      missing.length === 1
        ? missing[0]
        : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    return `it is missing ${list}`;
  }
  if (entry.expires?.invalid) return `its expiry "${entry.expires.raw}" is not a date`;
  const expires = entry.expires?.value;
  if (expires && expires < asOf) return `it expired on ${expires}`;
  return undefined;
}

function sameCell(a: string, b: string): boolean {
  const x = fromA1(a);
  const y = fromA1(b);
  return x !== undefined && y !== undefined && x.row === y.row && x.column === y.column;
}

/**
 * Returns how a message names what the waiver targets, each part labelled and quoted:
 * `rule matrix/no-accountable, item or sheet "Change", activity or role "Raise a change"`.
 */
export function describeWaiver(entry: WaiverEntry): string {
  const parts = [entry.rule.trim() ? `rule ${entry.rule.trim()}` : 'no rule'];
  const target = entry.target.trim();
  if (target) parts.push(`item or sheet "${target}"`);
  const where = entry.where.trim();
  if (where) {
    const bang = where.lastIndexOf('!');
    const isCell = fromA1(bang > 0 ? where.slice(bang + 1) : where) !== undefined;
    parts.push(isCell ? `cell ${where}` : `activity or role "${where}"`);
  }
  return parts.join(', ');
}

/** Returns true when the waiver's rule, target and cell/activity all match the finding. */
export function waiverMatches(entry: WaiverEntry, finding: Finding): boolean {
  const rule = entry.rule.trim().toLowerCase();
  const ruleMatches = rule.endsWith('/*')
    ? finding.rule.startsWith(rule.slice(0, -1))
    : finding.rule === rule;
  if (!ruleMatches) return false;
  const target = normaliseName(entry.target);
  if (
    target !== '' &&
    target !== normaliseName(finding.item ?? '') &&
    target !== normaliseName(finding.sheet ?? '')
  ) {
    return false;
  }
  let where = entry.where.trim();
  if (where === '') return true;
  // `Sheet!B4` names the sheet as well as the cell.
  const bang = where.lastIndexOf('!');
  if (bang > 0 && fromA1(where.slice(bang + 1))) {
    const sheet = where.slice(0, bang).replace(/^'(.*)'$/, '$1');
    if (normaliseName(sheet) !== normaliseName(finding.sheet ?? '')) return false;
    where = where.slice(bang + 1);
  }
  if (fromA1(where)) return finding.cell !== undefined && sameCell(where, finding.cell);
  const name = normaliseName(where);
  return (
    name === normaliseName(finding.activity ?? '') || name === normaliseName(finding.role ?? '')
  );
}

/**
 * Returns the findings with every finding matched by a valid waiver marked `waived` and
 * carrying the waiver (the first valid waiver that matches). `waiver/invalid` findings are
 * never waived. The input is not modified.
 */
export function applyWaivers(
  findings: Finding[],
  workbook: WorkbookModel,
  asOf: string,
): Finding[] {
  const valid = (workbook.waivers?.entries ?? []).filter(
    (w) => waiverProblem(w, asOf) === undefined,
  );
  if (!valid.length) return findings;
  return findings.map((f) => {
    if (f.rule === 'waiver/invalid') return f;
    const w = valid.find((entry) => waiverMatches(entry, f));
    if (!w) return f;
    return {
      ...f,
      waived: true,
      waiver: {
        reason: w.reason,
        approvedBy: w.approvedBy,
        expires: w.expires?.value ?? null,
        sheet: w.sheet,
        row: w.row,
      },
    };
  });
}
