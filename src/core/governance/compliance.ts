/**
 * Item compliance and score, and each sponsor's figures (SPEC section 3).
 *
 * An item is compliant when none of its findings (its own register and review findings, and
 * every finding inside a RACI matrix linked to it, even a matrix shared with another item
 * whose name the finding carries) is an unwaived error. Its score is the share
 * of its checks that pass, as a whole percentage. A check:
 * - passes when its fact holds, or when its fact fails but every finding about it is waived;
 * - is not counted when all the rules behind it are configured `off`, and in these cases:
 *   sponsor sitting without a Leadership roster, manager appointed for items that are not
 *   processes, roles staffed without a Roles sheet, and the sponsor review while
 *   it is still pending (the quarter is running).
 * "RACI free of errors" leaves out `role/vacant`, which "roles staffed" counts on its own.
 * Items are register rows: two rows with one name keep their own review state, and a finding
 * on a register row counts for that row's item only.
 * Sponsors are people: items whose sponsors are the same person (email, else name, through
 * the roster) are counted together; items with no sponsor form one group marked `unassigned`.
 */
import type { Config } from '../config';
import type {
  Finding,
  ItemCheck,
  ItemResult,
  ItemReviewState,
  LeadershipMember,
  RaciMatrix,
  RegisterItem,
  SponsorResult,
  WorkbookModel,
} from '../model';
import { linkItem, matrixOfFinding } from './links';
import { findMember, isSitting, parsePerson } from './people';

/** The label of each check, as shown in reports. */
export const CHECK_LABELS: Record<ItemCheck['id'], string> = {
  'owner-defined': 'Owner defined',
  'single-owner': 'Single owner',
  'sponsor-defined': 'LT sponsor defined',
  'sponsor-sitting': 'Sponsor sits on the LT',
  'manager-appointed': 'Manager appointed',
  'raci-present': 'RACI matrix present',
  'raci-clean': 'RACI free of errors',
  'roles-staffed': 'Roles staffed',
  'review-on-cadence': 'Review on cadence',
  'sponsor-review-done': 'Sponsor quarterly review done',
  'signoff-recorded': 'Sign-off recorded',
};

/** The name of the group of items that have no sponsor. */
export const UNASSIGNED_SPONSOR = '(no sponsor)';

/** Returns true when the sponsor named in the register sits on the leadership team on `asOf`. */
export function sponsorSits(
  sponsor: string,
  members: readonly LeadershipMember[],
  asOf: string,
): boolean {
  const member = sponsor.trim() === '' ? undefined : findMember(sponsor, members);
  return member !== undefined && isSitting(member, asOf);
}

interface CheckSpec {
  id: ItemCheck['id'];
  rules: string[];
  /** undefined = not counted for this item. */
  fact: boolean | undefined;
}

/** Returns the results of every register item, in register order. */
export function computeItems(
  workbook: WorkbookModel,
  findings: Finding[],
  reviews: Map<RegisterItem, ItemReviewState>,
  config: Config,
): ItemResult[] {
  const items = workbook.register?.items ?? [];
  // A finding on a register row belongs to that row's item, even when another row has its name.
  const rowItems = new Map(items.map((item) => [`${item.sheet}!${item.row}`, item]));
  const byRow = new Map<RegisterItem, Finding[]>();
  const byName = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.item === undefined) continue;
    const rowItem = f.row === undefined ? undefined : rowItems.get(`${f.sheet}!${f.row}`);
    if (rowItem !== undefined && rowItem.name === f.item) addTo(byRow, rowItem, f);
    else addTo(byName, f.item, f);
  }
  const byMatrix = findingsByMatrix(findings, workbook.matrices);
  return items.map((item) => {
    const matrices = linkItem(workbook, item);
    // A finding named for another item sharing the matrix counts here too, once.
    const own = [...(byRow.get(item) ?? []), ...(byName.get(item.name) ?? [])];
    const counted = new Set(own);
    for (const m of matrices) {
      for (const f of byMatrix.get(m) ?? []) {
        if (!counted.has(f)) {
          counted.add(f);
          own.push(f);
        }
      }
    }
    const unwaived = own.filter((f) => !f.waived);
    const state = reviews.get(item) as ItemReviewState;
    const raciErrors = unwaived.filter(
      (f) =>
        f.severity === 'error' &&
        f.rule !== 'role/vacant' &&
        (f.rule.startsWith('matrix/') || f.rule.startsWith('role/')),
    );
    const specs: CheckSpec[] = [
      { id: 'owner-defined', rules: ['register/no-owner'], fact: item.owners.length > 0 },
      { id: 'single-owner', rules: ['register/multiple-owners'], fact: item.owners.length === 1 },
      { id: 'sponsor-defined', rules: ['register/no-sponsor'], fact: item.sponsor !== '' },
      {
        id: 'sponsor-sitting',
        rules: ['register/sponsor-not-in-leadership'],
        // Whether the sponsor sits is judged once, by the rule, as of the audit date.
        fact: workbook.leadership
          ? item.sponsor !== '' && !own.some((f) => f.rule === 'register/sponsor-not-in-leadership')
          : undefined,
      },
      {
        id: 'manager-appointed',
        rules: ['register/no-manager'],
        fact: managesProcess(item) ? item.managers.length > 0 : undefined,
      },
      { id: 'raci-present', rules: ['register/no-raci'], fact: matrices.length > 0 },
      { id: 'raci-clean', rules: [], fact: matrices.length > 0 && raciErrors.length === 0 },
      {
        id: 'roles-staffed',
        rules: ['role/vacant'],
        fact: workbook.roles
          ? matrices.length > 0 && !unwaived.some((f) => f.rule === 'role/vacant')
          : undefined,
      },
      {
        id: 'review-on-cadence',
        rules: ['review/never', 'review/overdue', 'review/invalid-cadence'],
        fact: state.review.status === 'ok' || state.review.status === 'due-soon',
      },
      {
        id: 'sponsor-review-done',
        rules: ['review/sponsor-review-missing'],
        fact:
          state.sponsorReview.status === 'pending'
            ? undefined
            : state.sponsorReview.status === 'done',
      },
      { id: 'signoff-recorded', rules: ['review/no-signoff'], fact: Boolean(item.signOff?.value) },
    ];
    const checks: ItemCheck[] = [];
    for (const spec of specs) {
      if (spec.fact === undefined) continue;
      if (spec.rules.length && spec.rules.every((r) => config.rules[r] === 'off')) continue;
      const about = own.filter((f) => spec.rules.includes(f.rule));
      const waivedAway = about.length > 0 && about.every((f) => f.waived);
      checks.push({ id: spec.id, label: CHECK_LABELS[spec.id], passed: spec.fact || waivedAway });
    }
    const passed = checks.filter((c) => c.passed).length;
    return {
      name: item.name,
      kind: item.kind,
      sheet: item.sheet,
      row: item.row,
      owner: item.owners.join(', '),
      sponsor: item.sponsor,
      manager: item.managers.join(', '),
      matrices: matrices.map((m) => ({ sheet: m.sheet, headerRow: m.headerRow })),
      compliant: !unwaived.some((f) => f.severity === 'error'),
      score: checks.length ? Math.round((passed / checks.length) * 100) : 100,
      checks,
      findings: {
        error: unwaived.filter((f) => f.severity === 'error').length,
        warning: unwaived.filter((f) => f.severity === 'warning').length,
        info: unwaived.filter((f) => f.severity === 'info').length,
      },
      review: state.review,
      sponsorReview: state.sponsorReview,
    };
  });
}

/** Adds the finding to the key's list. */
function addTo<K>(map: Map<K, Finding[]>, key: K, f: Finding): void {
  const list = map.get(key);
  if (list) list.push(f);
  else map.set(key, [f]);
}

/** Returns the findings that lie inside each matrix (same sheet, header row to last activity). */
function findingsByMatrix(
  findings: readonly Finding[],
  matrices: readonly RaciMatrix[],
): Map<RaciMatrix, Finding[]> {
  const bySheet = new Map<string, RaciMatrix[]>();
  for (const m of matrices) {
    const list = bySheet.get(m.sheet);
    if (list) list.push(m);
    else bySheet.set(m.sheet, [m]);
  }
  const result = new Map<RaciMatrix, Finding[]>();
  for (const f of findings) {
    if (f.sheet === undefined) continue;
    const onSheet = bySheet.get(f.sheet);
    const matrix = onSheet && matrixOfFinding(f, onSheet);
    if (matrix) addTo(result, matrix, f);
  }
  return result;
}

/**
 * Orders names case-insensitively, the same in every runtime and locale (no localeCompare):
 * returns a negative number, zero or a positive number, for `Array.prototype.sort`.
 */
export function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Returns `compliant / items` rounded to 4 decimals (0 to 1), or 0 when there are no items. */
export function complianceRatio(compliant: number, items: number): number {
  return items ? Math.round((compliant / items) * 10_000) / 10_000 : 0;
}

/** Returns true for the kinds of item that need a manager: processes (SPEC section 3). */
export function managesProcess(item: RegisterItem): boolean {
  return item.kind === 'process';
}

/**
 * Returns one entry per sponsor (a person, matched through the roster by email, else by name)
 * with their items, compliant items and compliance, sorted by name, and one `unassigned`
 * group last for items with no sponsor. Every item is in exactly one entry.
 */
export function computeSponsors(items: ItemResult[], workbook: WorkbookModel): SponsorResult[] {
  const members = workbook.leadership?.members ?? [];
  const groups = new Map<string, SponsorResult>();
  const order: string[] = [];
  for (const item of items) {
    const sponsor = item.sponsor.trim();
    let key: string;
    let name: string;
    let email: string | undefined;
    if (sponsor === '') {
      key = 'unassigned';
      name = UNASSIGNED_SPONSOR;
    } else {
      const member = findMember(sponsor, members);
      const person = parsePerson(sponsor, member?.email ?? '');
      key = member
        ? `member:${members.indexOf(member)}`
        : person.email
          ? `email:${person.email}`
          : `name:${person.name}`;
      name = member?.name || sponsor;
      email = member?.email || person.email || undefined;
    }
    let group = groups.get(key);
    if (!group) {
      group = {
        name,
        ...(email ? { email } : {}),
        ...(key === 'unassigned' ? { unassigned: true } : {}),
        sitting: key === 'unassigned' || !workbook.leadership ? null : false,
        items: 0,
        compliant: 0,
        compliance: 0,
        itemNames: [],
      };
      groups.set(key, group);
      order.push(key);
    }
    group.items += 1;
    if (item.compliant) group.compliant += 1;
    group.itemNames.push(item.name);
    if (group.sitting !== null && item.checks.some((c) => c.id === 'sponsor-sitting' && c.passed)) {
      group.sitting = true;
    }
  }
  const result = order.map((k) => groups.get(k) as SponsorResult);
  for (const g of result) g.compliance = complianceRatio(g.compliant, g.items);
  return result.sort(
    (a, b) =>
      Number(Boolean(a.unassigned)) - Number(Boolean(b.unassigned)) || byName(a.name, b.name),
  );
}
