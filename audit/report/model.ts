/**
 * The one report model of the audit: `buildReport` merges the core's per-workbook results
 * into the shape of report.json (SPEC section 5) that every renderer (xlsx, JSON, HTML, text,
 * mail) reads. It adds what only a view across workbooks can know: sponsors merged across
 * files, `register/duplicate-item` between workbooks, each person's R and A load, reviews
 * falling due next quarter, and the trend against last quarter's report. Everything is sorted
 * and built in a fixed key order so the same inputs always give the same bytes.
 */
import {
  byName,
  complianceRatio,
  findRule,
  nextQuarter,
  normaliseName,
  parsePerson,
  samePerson,
  type Config,
  type Person,
} from '../../src/core';
import type {
  AnalysisResult,
  ConfigError,
  Finding,
  ItemKind,
  ItemResult,
  Quarter,
  Severity,
  SponsorResult,
} from '../../src/core';
import { groupPeople } from './people';
import { uniqueSlugs } from './slug';

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

export interface ReportInput {
  file: string;
  sha256: string;
  status: 'ok' | 'unreadable';
  error?: string;
  /** Problems in the workbook's Config sheet (a configuration error: exit code 2). */
  configErrors?: ConfigError[];
}

export interface ReportFinding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  sheet: string;
  cell?: string;
  item?: string;
  activity?: string;
  role?: string;
  suggestion?: string;
  waived?: boolean;
}

export interface ReportItem {
  name: string;
  kind: ItemKind;
  file: string;
  owner: string;
  sponsor: string;
  manager: string;
  compliant: boolean;
  score: number;
  findings: FindingCounts;
  /** Labels of the compliance checks that failed: the "why" of a non-compliant item. */
  failedChecks: string[];
  review: ItemResult['review'];
  sponsorReview: ItemResult['sponsorReview'];
}

export interface ReportSponsor {
  name: string;
  email?: string;
  /** Safe for file names; unique in the report. */
  slug: string;
  unassigned?: boolean;
  sitting: boolean | null;
  items: number;
  compliant: number;
  compliance: number;
  previousCompliance?: number;
  /** The sponsor's items, by file and name. */
  itemList: { file: string; name: string }[];
  /** With a previous report: findings that appeared and disappeared since then. */
  newFindings?: ReportFinding[];
  resolvedFindings?: ReportFinding[];
}

export interface PersonLoad {
  person: string;
  /** `holder` when named in a Roles sheet, `role` when only the role name is known. */
  source: 'holder' | 'role';
  responsible: number;
  accountable: number;
  roles: string[];
  files: string[];
}

export interface ReportJson {
  schemaVersion: 1;
  quarter: string;
  period: { start: string; end: string };
  asOf: string;
  nextQuarter: { quarter: string; start: string; end: string };
  previousQuarter: string | null;
  summary: {
    inputs: number;
    unreadable: number;
    items: number;
    compliant: number;
    compliance: number;
    findings: FindingCounts & { waived: number };
  };
  /** Overall compliance of earlier quarters, oldest first (from the previous report's chain). */
  history: { quarter: string; compliance: number }[];
  inputs: ReportInput[];
  items: ReportItem[];
  sponsors: ReportSponsor[];
  findings: ReportFinding[];
  people: PersonLoad[];
}

/** One audited file as `run-audit` hands it over. */
export interface AuditedFile {
  file: string;
  sha256: string;
  result?: AnalysisResult;
  error?: string;
  /**
   * Per matrix of `result.workbook.matrices` (same order), each role's count of activities
   * marked R and marked A. An audit keeps these instead of the matrices' activities
   * (`audit/parallel/slim-result.ts`); without them the people load counts the activities.
   */
  roleCounts?: RoleCounts[];
}

/** One matrix's count of activities marked R and marked A, per role, in role order. */
export interface RoleCounts {
  responsible: number[];
  accountable: number[];
}

export interface BuildReportOptions {
  quarter: Quarter;
  asOf: string;
  files: AuditedFile[];
  /** The audit-wide configuration, for the severity of cross-workbook findings. */
  config: Config;
  previous?: ReportJson;
}

const HISTORY_LENGTH = 8;

function toReportFinding(f: Finding, file: string): ReportFinding {
  const out: ReportFinding = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    file,
    sheet: f.sheet ?? '',
  };
  if (f.cell) out.cell = f.cell;
  if (f.item) out.item = f.item;
  if (f.activity) out.activity = f.activity;
  if (f.role) out.role = f.role;
  if (f.suggestion) out.suggestion = f.suggestion;
  if (f.waived) out.waived = true;
  return out;
}

/** Returns the key that identifies "the same finding" from one quarter to the next. */
export function findingKey(f: ReportFinding): string {
  const where = f.activity || f.role ? '' : (f.cell ?? '');
  return [f.rule, f.file, f.sheet, f.item ?? '', f.activity ?? '', f.role ?? '', where].join(
    '\u0001',
  );
}

/** Returns the sponsor as a person (name and email) in the core's terms. */
function sponsorPerson(s: { name: string; email?: string }): Person {
  return parsePerson(s.name, s.email ?? '');
}

/** Adds `register/duplicate-item` for items registered in more than one workbook. */
function crossWorkbookDuplicates(
  files: AuditedFile[],
  config: Config,
  items: ReportItem[],
  findings: ReportFinding[],
): void {
  const rule = findRule('register/duplicate-item');
  const setting = config.rules['register/duplicate-item'] ?? rule?.defaultSeverity ?? 'error';
  if (setting === 'off') return;
  const byName = new Map<
    string,
    { file: string; sheet: string; cell?: string; row: number; name: string }[]
  >();
  for (const f of files) {
    if (!f.result) continue;
    const seen = new Set<string>();
    for (const item of f.result.items) {
      const key = normaliseName(item.name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const reg = f.result.workbook.register?.items.find(
        (r) => r.row === item.row && r.sheet === item.sheet,
      );
      const list = byName.get(key) ?? [];
      list.push({
        file: f.file,
        sheet: item.sheet,
        cell: reg?.cell,
        row: item.row,
        name: item.name,
      });
      byName.set(key, list);
    }
  }
  for (const list of byName.values()) {
    if (list.length < 2) continue;
    for (const here of list) {
      const others = list.filter((o) => o !== here);
      const where = others.map((o) => `${o.file} (sheet ${o.sheet}, row ${o.row})`).join(', ');
      const finding: ReportFinding = {
        rule: 'register/duplicate-item',
        severity: setting,
        message: `Item "${here.name}" is also registered in ${where}; each item belongs in one register.`,
        file: here.file,
        sheet: here.sheet,
      };
      if (here.cell) finding.cell = here.cell;
      finding.item = here.name;
      finding.suggestion = 'Keep the item in one workbook and remove or rename the other entries.';
      findings.push(finding);
      const item = items.find((i) => i.file === here.file && i.name === here.name);
      if (item) {
        item.findings[setting] += 1;
        if (setting === 'error') item.compliant = false;
      }
    }
  }
}

/** The roles and files a person's load was counted in, each once, in the order first seen. */
interface CountedIn {
  roles: Set<string>;
  files: Set<string>;
}

/**
 * Returns each person's R and A counts across all matrices of all workbooks: one row per
 * person named in a Roles sheet (the same person written "Ann Lee <ann@x.org>", "ann@x.org"
 * and "ann lee" is one row, see `groupPeople`), and one row per role that names no holder.
 */
export function computePeople(files: AuditedFile[]): PersonLoad[] {
  // Every holder mention, once per distinct text, then one person number per mention.
  const mentionIndex = new Map<string, number>();
  const mentions: { text: string; person: Person }[] = [];
  for (const f of files) {
    for (const entry of f.result?.workbook.roles?.entries ?? []) {
      for (const holder of entry.holders) {
        const key = normaliseName(holder);
        if (key === '' || mentionIndex.has(key)) continue;
        mentionIndex.set(key, mentions.length);
        mentions.push({ text: holder.trim(), person: parsePerson(holder) });
      }
    }
  }
  const personOf = groupPeople(mentions.map((m) => m.person));
  const shownAs = new Map<number, string>();
  mentions.forEach((m, i) => {
    const shown = shownAs.get(personOf[i]);
    const rank = (p: Person) => (p.name && p.email ? 2 : p.name ? 1 : 0);
    if (shown === undefined || rank(m.person) > rank(parsePerson(shown))) {
      shownAs.set(personOf[i], m.text);
    }
  });

  // Roles and files as sets while counting (a person can be in hundreds of workbooks), in the
  // order first seen, as arrays only at the end.
  const people = new Map<string, Omit<PersonLoad, 'roles' | 'files'> & CountedIn>();
  for (const f of files) {
    const wb = f.result?.workbook;
    if (!wb) continue;
    const holders = new Map<string, number[]>();
    for (const entry of wb.roles?.entries ?? []) {
      const persons = new Set<number>();
      for (const holder of entry.holders) {
        const index = mentionIndex.get(normaliseName(holder));
        if (index !== undefined) persons.add(personOf[index]);
      }
      if (persons.size > 0) holders.set(normaliseName(entry.role), [...persons]);
    }
    wb.matrices.forEach((matrix, matrixIndex) => {
      const counts = f.roleCounts?.[matrixIndex];
      matrix.roles.forEach((role, index) => {
        const named = holders.get(normaliseName(role.name));
        const loads = named
          ? named.map((p) => ({
              key: `holder:${p}`,
              person: shownAs.get(p) ?? '',
              source: 'holder' as const,
            }))
          : [
              {
                key: `role:${normaliseName(role.name)}`,
                person: role.name.trim(),
                source: 'role' as const,
              },
            ];
        // The role's R and A cells counted once, then added to each of its people.
        let responsible = counts?.responsible[index] ?? 0;
        let accountable = counts?.accountable[index] ?? 0;
        if (!counts) {
          for (const activity of matrix.activities) {
            const letters = activity.cells[index]?.letters;
            if (!letters) continue;
            if (letters.includes('R')) responsible += 1;
            if (letters.includes('A')) accountable += 1;
          }
        }
        if (responsible === 0 && accountable === 0) return;
        for (const { key, person, source } of loads) {
          let load = people.get(key);
          if (!load) {
            const counted = { roles: new Set<string>(), files: new Set<string>() };
            load = { person, source, responsible: 0, accountable: 0, ...counted };
            people.set(key, load);
          }
          load.responsible += responsible;
          load.accountable += accountable;
          load.roles.add(role.name);
          load.files.add(f.file);
        }
      });
    });
  }
  return [...people.values()]
    .map((p) => ({ ...p, roles: [...p.roles].sort(byName), files: [...p.files].sort(byName) }))
    .sort(
      (a, b) =>
        b.responsible + b.accountable - (a.responsible + a.accountable) ||
        byName(a.person, b.person) ||
        byName(a.source, b.source),
    );
}

/** Returns the report model (the content of report.json) for one audit run. */
export function buildReport(options: BuildReportOptions): ReportJson {
  const files = [...options.files].sort((a, b) => byName(a.file, b.file));
  const inputs: ReportInput[] = files.map((f) => {
    const input: ReportInput = {
      file: f.file,
      sha256: f.sha256,
      status: f.result ? 'ok' : 'unreadable',
    };
    if (!f.result) input.error = f.error ?? 'the file could not be read';
    if (f.result && f.result.configErrors.length > 0) input.configErrors = f.result.configErrors;
    return input;
  });

  const items: ReportItem[] = [];
  const findings: ReportFinding[] = [];
  for (const f of files) {
    if (!f.result) {
      const setting =
        options.config.rules['workbook/unreadable'] ??
        findRule('workbook/unreadable')?.defaultSeverity ??
        'error';
      if (setting !== 'off') {
        findings.push({
          rule: 'workbook/unreadable',
          severity: setting,
          message: `${f.file} could not be read: ${f.error ?? 'the reason is unknown'}.`,
          file: f.file,
          sheet: '',
        });
      }
      continue;
    }
    for (const item of f.result.items) {
      items.push({
        name: item.name,
        kind: item.kind,
        file: f.file,
        owner: item.owner,
        sponsor: item.sponsor,
        manager: item.manager,
        compliant: item.compliant,
        score: item.score,
        findings: {
          error: item.findings.error,
          warning: item.findings.warning,
          info: item.findings.info,
        },
        failedChecks: item.checks.filter((c) => !c.passed).map((c) => c.label),
        review: {
          cadence: item.review.cadence,
          lastReviewed: item.review.lastReviewed,
          nextDue: item.review.nextDue,
          status: item.review.status,
          daysOverdue: item.review.daysOverdue,
          adherence: item.review.adherence,
        },
        sponsorReview: { date: item.sponsorReview.date, status: item.sponsorReview.status },
      });
    }
    for (const finding of f.result.findings) findings.push(toReportFinding(finding, f.file));
  }
  crossWorkbookDuplicates(files, options.config, items, findings);
  items.sort((a, b) => byName(a.file, b.file) || byName(a.name, b.name));
  const fileOrder = new Map(files.map((f, i) => [f.file, i]));
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (fileOrder.get(a.f.file) ?? 0) - (fileOrder.get(b.f.file) ?? 0) || a.i - b.i)
    .map(({ f }) => f);

  const sponsors = mergeSponsors(files, items);
  const previous = options.previous;
  if (previous) addTrend(sponsors, ordered, previous);

  const counts = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const f of ordered) {
    if (f.waived) counts.waived += 1;
    else counts[f.severity] += 1;
  }
  const compliantItems = items.filter((i) => i.compliant).length;
  const next = nextQuarter(options.quarter, options.config.fiscalYearStartMonth);
  const history = previous
    ? [
        ...(previous.history ?? []),
        { quarter: previous.quarter, compliance: previous.summary?.compliance ?? 0 },
      ]
        .filter((h) => h.quarter < options.quarter.id)
        .slice(-HISTORY_LENGTH)
    : [];

  return {
    schemaVersion: 1,
    quarter: options.quarter.id,
    period: { start: options.quarter.start, end: options.quarter.end },
    asOf: options.asOf,
    nextQuarter: { quarter: next.id, start: next.start, end: next.end },
    previousQuarter: previous ? previous.quarter : null,
    summary: {
      inputs: inputs.length,
      unreadable: inputs.filter((i) => i.status === 'unreadable').length,
      items: items.length,
      compliant: compliantItems,
      compliance: complianceRatio(compliantItems, items.length),
      findings: counts,
    },
    history,
    inputs,
    items,
    sponsors,
    findings: ordered,
    people: computePeople(files),
  };
}

/**
 * Returns the report's sponsors: each workbook's sponsors merged into one entry per person
 * (`groupPeople`: by email, else by name, a name-only sponsor joining the one with an email),
 * items with no sponsor in one "No sponsor" entry last, and a unique slug for each.
 */
function mergeSponsors(files: AuditedFile[], items: ReportItem[]): ReportSponsor[] {
  const named: { file: string; sponsor: SponsorResult }[] = [];
  const unassigned: { file: string; sponsor: SponsorResult }[] = [];
  for (const f of files) {
    for (const s of f.result?.sponsors ?? []) {
      (s.unassigned ? unassigned : named).push({ file: f.file, sponsor: s });
    }
  }
  const personOf = groupPeople(named.map((n) => sponsorPerson(n.sponsor)));
  const groups = new Map<number, { file: string; sponsor: SponsorResult }[]>();
  named.forEach((n, i) => groups.set(personOf[i], [...(groups.get(personOf[i]) ?? []), n]));
  const UNASSIGNED = -1;
  if (unassigned.length > 0) groups.set(UNASSIGNED, unassigned);

  const assigned = new Set<string>();
  const itemKey = (file: string, name: string) => `${file}\u0001${name}`;
  const merged: ReportSponsor[] = [];
  for (const [group, members] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    // The name of the entry that has an email (a roster's spelling), else the first one.
    const first = members.find((m) => m.sponsor.email)?.sponsor ?? members[0].sponsor;
    const entry: ReportSponsor = {
      name: group === UNASSIGNED ? 'No sponsor' : first.name,
      slug: '',
      sitting: null,
      items: 0,
      compliant: 0,
      compliance: 0,
      itemList: [],
    };
    if (first.email) entry.email = first.email;
    if (group === UNASSIGNED) entry.unassigned = true;
    members.forEach(({ file, sponsor }, i) => {
      if (i === 0) entry.sitting = sponsor.sitting;
      else if (entry.sitting === null) entry.sitting = sponsor.sitting;
      else if (sponsor.sitting === false) entry.sitting = false;
      for (const name of sponsor.itemNames) {
        if (assigned.has(itemKey(file, name))) continue;
        assigned.add(itemKey(file, name));
        entry.itemList.push({ file, name });
      }
    });
    merged.push(entry);
  }
  const orphans = items.filter((i) => !assigned.has(itemKey(i.file, i.name)));
  if (orphans.length > 0) {
    let entry = merged.find((s) => s.unassigned);
    if (!entry) {
      entry = {
        name: 'No sponsor',
        slug: '',
        unassigned: true,
        sitting: null,
        items: 0,
        compliant: 0,
        compliance: 0,
        itemList: [],
      };
      merged.push(entry);
    }
    for (const i of orphans) entry.itemList.push({ file: i.file, name: i.name });
  }
  const byItem = new Map(items.map((i) => [itemKey(i.file, i.name), i]));
  const list = merged.filter((s) => s.itemList.length > 0);
  for (const s of list) {
    s.itemList.sort((a, b) => byName(a.file, b.file) || byName(a.name, b.name));
    s.items = s.itemList.length;
    s.compliant = s.itemList.filter((i) => byItem.get(itemKey(i.file, i.name))?.compliant).length;
    s.compliance = complianceRatio(s.compliant, s.items);
  }
  list.sort(
    (a, b) =>
      Number(a.unassigned ?? false) - Number(b.unassigned ?? false) ||
      byName(a.name, b.name) ||
      byName(a.email ?? '', b.email ?? ''),
  );
  const slugs = uniqueSlugs(list);
  list.forEach((s, i) => (s.slug = slugs[i]));
  return list.map(reorderSponsor);
}

function reorderSponsor(s: ReportSponsor): ReportSponsor {
  const out: ReportSponsor = { name: s.name } as ReportSponsor;
  if (s.email !== undefined) out.email = s.email;
  out.slug = s.slug;
  if (s.unassigned) out.unassigned = true;
  out.sitting = s.sitting;
  out.items = s.items;
  out.compliant = s.compliant;
  out.compliance = s.compliance;
  if (s.previousCompliance !== undefined) out.previousCompliance = s.previousCompliance;
  out.itemList = s.itemList;
  if (s.newFindings) out.newFindings = s.newFindings;
  if (s.resolvedFindings) out.resolvedFindings = s.resolvedFindings;
  return out;
}

/** One sponsor's items and findings (waived ones included), in the report's order. */
export interface SponsorRows {
  items: ReportItem[];
  findings: ReportFinding[];
}

/**
 * Returns every sponsor's items and findings (waived included) from one pass over the report's
 * items and findings: for each sponsor, the report's items on its item list and
 * `sponsorFindings(sponsor, report.findings, true)`, in the report's order. The writers use it
 * instead of walking the whole report again for each sponsor.
 */
export function sponsorRowsOf(report: ReportJson): Map<ReportSponsor, SponsorRows> {
  const key = (file: string, name: string) => `${file}\u0001${name}`;
  const rowsOf = new Map<ReportSponsor, SponsorRows>();
  // Each item (by file and name) to the rows of the sponsors that list it (one, in a built report).
  const owners = new Map<string, SponsorRows[]>();
  for (const sponsor of report.sponsors) {
    const rows: SponsorRows = { items: [], findings: [] };
    rowsOf.set(sponsor, rows);
    for (const i of sponsor.itemList) {
      const listed = owners.get(key(i.file, i.name));
      if (!listed) owners.set(key(i.file, i.name), [rows]);
      else if (!listed.includes(rows)) listed.push(rows);
    }
  }
  for (const item of report.items) {
    for (const rows of owners.get(key(item.file, item.name)) ?? []) rows.items.push(item);
  }
  for (const f of report.findings) {
    if (f.item === undefined) continue;
    for (const rows of owners.get(key(f.file, f.item)) ?? []) rows.findings.push(f);
  }
  return rowsOf;
}

/** Returns the sponsor's rows (see `sponsorRowsOf`) for one sponsor, walking the report once. */
export function sponsorRows(report: ReportJson, sponsor: ReportSponsor): SponsorRows {
  const mine = new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`));
  return {
    items: report.items.filter((i) => mine.has(`${i.file}\u0001${i.name}`)),
    findings: sponsorFindings(sponsor, report.findings, true),
  };
}

/** Returns the findings (not waived) that belong to the sponsor's items. */
export function sponsorFindings(
  sponsor: ReportSponsor,
  findings: ReportFinding[],
  includeWaived = false,
): ReportFinding[] {
  const mine = new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`));
  return findings.filter(
    (f) =>
      f.item !== undefined && mine.has(`${f.file}\u0001${f.item}`) && (includeWaived || !f.waived),
  );
}

/**
 * Returns last quarter's entry for the sponsor: the "No sponsor" entry for it, else the same
 * person (the core's `samePerson`), an entry with the same email before one matched by name.
 */
function previousSponsor(
  sponsor: ReportSponsor,
  earlier: readonly ReportSponsor[],
): ReportSponsor | undefined {
  if (sponsor.unassigned) return earlier.find((e) => e.unassigned);
  const person = sponsorPerson(sponsor);
  const same = earlier.filter((e) => !e.unassigned && samePerson(person, sponsorPerson(e)));
  return (
    same.find((e) => person.email !== '' && sponsorPerson(e).email === person.email) ?? same[0]
  );
}

function addTrend(
  sponsors: ReportSponsor[],
  findings: ReportFinding[],
  previous: ReportJson,
): void {
  const earlier = previous.sponsors ?? [];
  sponsors.forEach((s, index) => {
    const before = previousSponsor(s, earlier);
    const now = sponsorFindings(s, findings);
    const then = before ? sponsorFindings(before, previous.findings ?? []) : [];
    const thenKeys = new Set(then.map(findingKey));
    const nowKeys = new Set(now.map(findingKey));
    if (before) s.previousCompliance = before.compliance;
    s.newFindings = now.filter((f) => !thenKeys.has(findingKey(f)));
    s.resolvedFindings = then.filter((f) => !nowKeys.has(findingKey(f)));
    sponsors[index] = reorderSponsor(s);
  });
}
