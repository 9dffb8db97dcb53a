/**
 * The one report model of the audit: `ReportBuilder` (file by file, an audit run's) and
 * `buildReport` (all at once, in memory) merge the core's per-workbook results into the shape
 * of report.json (SPEC section 5) that every renderer (xlsx, JSON, HTML, text,
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
import { FileRecords, recordsOfFiles, type RecordList } from './file-records';
import { deserialize, serialize } from 'node:v8';
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

/** A report's findings in report order: an array, or `FileRecords` read file by file. */
export type FindingList = RecordList<ReportFinding>;

/** A report's items in report order: an array, or `FileRecords` read file by file. */
export type ItemList = RecordList<ReportItem>;

/**
 * The report model as the renderers read it: report.json's content, its items and findings
 * each either an array or `FileRecords` read file by file (an audit run's, spilled to disk).
 */
export type ReportModel = Omit<ReportJson, 'items' | 'findings'> & {
  items: ItemList;
  findings: FindingList;
};

/**
 * What the trend reads of last quarter's report: its quarter, compliance and history, its
 * sponsors (name, email, item list, compliance) and their findings. A parsed report.json is one;
 * an audit run keeps only these, its findings in a spilled store (`run-audit.ts`).
 */
export interface PreviousReport {
  quarter: string;
  history?: { quarter: string; compliance: number }[];
  summary?: { compliance?: number };
  sponsors?: ReportSponsor[];
  findings?: FindingList;
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
  previous?: PreviousReport;
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

/** One registered item of a file, once per name, for `register/duplicate-item` across files. */
interface Registered {
  key: string;
  file: string;
  sheet: string;
  cell?: string;
  row: number;
  name: string;
}

/** What the report keeps in memory of one item: enough to merge sponsors and count compliance. */
interface ItemFact {
  file: string;
  name: string;
  compliant: boolean;
}

/**
 * Returns `register/duplicate-item` for items registered in more than one workbook (files in
 * report order), each counted on its item: `facts` are marked not compliant where the rule is
 * an error, and `counted` lists each item's added findings (by file, then item name).
 */
function crossWorkbookDuplicates(
  files: FileDigest[],
  config: Config,
  facts: ItemFact[],
): { findings: ReportFinding[]; counted: Map<string, Map<string, Severity[]>> } {
  const findings: ReportFinding[] = [];
  const counted = new Map<string, Map<string, Severity[]>>();
  const rule = findRule('register/duplicate-item');
  const setting = config.rules['register/duplicate-item'] ?? rule?.defaultSeverity ?? 'error';
  if (setting === 'off') return { findings, counted };
  // The first item of each file and name, as the duplicates are counted on it.
  const factOf = new Map<string, ItemFact>();
  for (const fact of facts) {
    const key = `${fact.file}\u0001${fact.name}`;
    if (!factOf.has(key)) factOf.set(key, fact);
  }
  const byName = new Map<string, Registered[]>();
  for (const f of files) {
    for (const item of f.registered) {
      const list = byName.get(item.key) ?? [];
      list.push(item);
      byName.set(item.key, list);
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
      const fact = factOf.get(`${here.file}\u0001${here.name}`);
      if (fact) {
        if (setting === 'error') fact.compliant = false;
        const ofFile = counted.get(here.file) ?? new Map<string, Severity[]>();
        counted.set(here.file, ofFile);
        ofFile.set(here.name, [...(ofFile.get(here.name) ?? []), setting]);
      }
    }
  }
  return { findings, counted };
}

/** Returns the file's items, once per name, with where the register lists them. */
function registeredItems(f: AuditedFile): Registered[] {
  const out: Registered[] = [];
  if (!f.result) return out;
  const seen = new Set<string>();
  for (const item of f.result.items) {
    const key = normaliseName(item.name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const reg = f.result.workbook.register?.items.find(
      (r) => r.row === item.row && r.sheet === item.sheet,
    );
    out.push({
      key,
      file: f.file,
      sheet: item.sheet,
      cell: reg?.cell,
      row: item.row,
      name: item.name,
    });
  }
  return out;
}

/** The roles and files a person's load was counted in, each once, in the order first seen. */
interface CountedIn {
  roles: Set<string>;
  files: Set<string>;
}

/** One role's R and A count in a file, and who holds it there. */
export interface RoleLoad {
  /** The role as the matrix header writes it. */
  role: string;
  /** Its holders as the file's Roles sheet names them; none when it names nobody. */
  holders?: string[];
  responsible: number;
  accountable: number;
}

/** What the people load keeps of one file: small, whatever the size of its matrices. */
export interface FileLoads {
  file: string;
  /** Every holder the file's Roles sheet names, once each, in sheet order. */
  holders: string[];
  /** Each role with R or A cells, in the order first met, its counts summed over the matrices. */
  loads: RoleLoad[];
}

/**
 * Returns what the people load reads of an audited file: each role's R and A counts over its
 * matrices (the counts it carries, `AuditedFile.roleCounts`, or else counted from the
 * activities) with the holders the Roles sheet names for it (the last entry for the role that
 * names someone), and every holder in the Roles sheet.
 */
export function fileLoadsOf(f: AuditedFile): FileLoads {
  const wb = f.result?.workbook;
  const holders: string[] = [];
  const seen = new Set<string>();
  const holdersOf = new Map<string, string[]>();
  for (const entry of wb?.roles?.entries ?? []) {
    const named = entry.holders.filter((h) => normaliseName(h) !== '');
    for (const holder of named) {
      if (!seen.has(holder)) holders.push(holder);
      seen.add(holder);
    }
    if (named.length > 0) holdersOf.set(normaliseName(entry.role), named);
  }
  const byRole = new Map<string, RoleLoad>();
  wb?.matrices.forEach((matrix, matrixIndex) => {
    const counts = f.roleCounts?.[matrixIndex];
    matrix.roles.forEach((role, index) => {
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
      let load = byRole.get(role.name);
      if (!load) {
        load = { role: role.name, responsible: 0, accountable: 0 };
        const named = holdersOf.get(normaliseName(role.name));
        if (named) load.holders = named;
        byRole.set(role.name, load);
      }
      load.responsible += responsible;
      load.accountable += accountable;
    });
  });
  return { file: f.file, holders, loads: [...byRole.values()] };
}

/**
 * Returns each person's R and A counts across all matrices of all workbooks (files in report
 * order): one row per person named in a Roles sheet (the same person written "Ann Lee
 * <ann@x.org>", "ann@x.org" and "ann lee" is one row, see `groupPeople`), and one row per role
 * that names no holder.
 */
export function computePeople(files: readonly FileLoads[]): PersonLoad[] {
  // Every holder mention, once per distinct text, then one person number per mention.
  const mentionIndex = new Map<string, number>();
  const mentions: { text: string; person: Person }[] = [];
  for (const f of files) {
    for (const holder of f.holders) {
      const key = normaliseName(holder);
      if (key === '' || mentionIndex.has(key)) continue;
      mentionIndex.set(key, mentions.length);
      mentions.push({ text: holder.trim(), person: parsePerson(holder) });
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
    for (const { role, holders, responsible, accountable } of f.loads) {
      const persons = new Set<number>();
      for (const holder of holders ?? []) {
        const index = mentionIndex.get(normaliseName(holder));
        if (index !== undefined) persons.add(personOf[index]);
      }
      const loads =
        persons.size > 0
          ? [...persons].map((p) => ({
              key: `holder:${p}`,
              person: shownAs.get(p) ?? '',
              source: 'holder' as const,
            }))
          : [{ key: `role:${normaliseName(role)}`, person: role.trim(), source: 'role' as const }];
      // The role's R and A cells counted once, then added to each of its people.
      for (const { key, person, source } of loads) {
        let load = people.get(key);
        if (!load) {
          const counted = { roles: new Set<string>(), files: new Set<string>() };
          load = { person, source, responsible: 0, accountable: 0, ...counted };
          people.set(key, load);
        }
        load.responsible += responsible;
        load.accountable += accountable;
        load.roles.add(role);
        load.files.add(f.file);
      }
    }
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

/** What the report keeps of one audited file once its findings are in the store. */
interface FileDigest {
  file: string;
  input: ReportInput;
  /** Each item's name and compliance; the items themselves are in the builder's item store. */
  items: { name: string; compliant: boolean }[];
  registered: Registered[];
  sponsors: SponsorResult[];
  people: FileLoads;
}

function reportItem(item: ItemResult, file: string): ReportItem {
  return {
    name: item.name,
    kind: item.kind,
    file,
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
  };
}

/** Keeps one copy of each text: `once` returns the copy kept for text equal to the one given. */
class TextPool {
  private readonly kept = new Map<string, string>();

  once(text: string): string {
    const kept = this.kept.get(text);
    if (kept !== undefined) return kept;
    this.kept.set(text, text);
    return text;
  }

  clear(): void {
    this.kept.clear();
  }
}

/** Where a `ReportBuilder` keeps the findings and items of the files added. */
export interface ReportStores {
  findings: FileRecords<ReportFinding>;
  items: FileRecords<ReportItem>;
}

/**
 * Returns stores for a report's findings and items, each spilled to a temp file once it holds
 * more than `spillAbove` records (an audit run's; default: kept in memory).
 */
export function reportStores(spillAbove = Infinity): ReportStores {
  return {
    findings: new FileRecords<ReportFinding>('findings', { spillAbove }),
    items: new FileRecords<ReportItem>('items', { spillAbove }),
  };
}

/**
 * Builds the report model file by file, so an audit keeps no file's result once it is added:
 * `add` puts the file's findings and items in the stores (spilled to disk in an audit run) and
 * keeps only a small digest (its input entry, item names and compliance, register names,
 * sponsors and role counts); `build` then works across files. Files may be added in any order:
 * the report orders them by name. The model built is the one `buildReport` returns, its items
 * and findings left in the stores.
 */
export class ReportBuilder {
  private readonly digests: FileDigest[] = [];
  private readonly counts = { error: 0, warning: 0, info: 0, waived: 0 };
  private readonly texts = new TextPool();
  private built = false;

  constructor(
    private readonly config: Config,
    readonly stores: ReportStores,
  ) {}

  /** Adds one audited file; nothing refers to `f` afterwards. */
  add(f: AuditedFile): void {
    if (this.built) throw new Error(`${f.file} was added after the report was built`);
    const input: ReportInput = {
      file: f.file,
      sha256: f.sha256,
      status: f.result ? 'ok' : 'unreadable',
    };
    if (!f.result) input.error = f.error ?? 'the file could not be read';
    if (f.result && f.result.configErrors.length > 0) input.configErrors = f.result.configErrors;
    const findings: ReportFinding[] = [];
    if (!f.result) {
      const setting =
        this.config.rules['workbook/unreadable'] ??
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
    } else {
      for (const finding of f.result.findings) findings.push(toReportFinding(finding, f.file));
    }
    this.storeFindings(f.file, findings);
    // The report lists a file's items by name (a stable sort keeps same-named items in order).
    const items = (f.result?.items ?? [])
      .map((item) => reportItem(item, f.file))
      .sort((a, b) => byName(a.name, b.name));
    this.stores.items.add(f.file, items);
    const digest: FileDigest = {
      file: f.file,
      input,
      items: items.map((i) => ({ name: i.name, compliant: i.compliant })),
      registered: registeredItems(f),
      sponsors: f.result?.sponsors ?? [],
      people: fileLoadsOf(f),
    };
    // A copy: text the reader cut out of a workbook's XML can be a slice of it that keeps the
    // whole XML text alive (V8 keeps the string it was cut from). Text that recurs from file to
    // file (people, roles, sponsors, sheet names) is then kept once.
    const copy = deserialize(serialize(digest)) as FileDigest;
    const once = (text: string) => this.texts.once(text);
    copy.people.holders = copy.people.holders.map(once);
    for (const load of copy.people.loads) {
      load.role = once(load.role);
      if (load.holders) load.holders = load.holders.map(once);
    }
    for (const sponsor of copy.sponsors) {
      sponsor.name = once(sponsor.name);
      if (sponsor.email !== undefined) sponsor.email = once(sponsor.email);
    }
    copy.input.file = copy.file;
    // An item's name once for the file, however many lists name it.
    const names = new Map(copy.items.map((i) => [i.name, i.name]));
    const name = (text: string) => names.get(text) ?? text;
    for (const r of copy.registered) {
      r.file = copy.file;
      r.sheet = once(r.sheet);
      r.name = name(r.name);
    }
    for (const sponsor of copy.sponsors) sponsor.itemNames = sponsor.itemNames.map(name);
    this.digests.push(copy);
  }

  /**
   * Returns the report model of the files added; its items and findings stay in the stores.
   * Call once: the digests are let go (the reports are written after, and V8 sizes its heap
   * by what is live), and no file can be added after.
   */
  build(options: Omit<BuildReportOptions, 'files' | 'config'>): ReportModel {
    if (this.built) throw new Error('the report was already built');
    this.built = true;
    this.texts.clear();
    const { items, findings } = this.stores;
    const files = this.digests.splice(0).sort((a, b) => byName(a.file, b.file));
    const inputs = files.map((f) => f.input);
    const facts: ItemFact[] = files.flatMap((f) =>
      f.items.map((i) => ({ file: f.file, name: i.name, compliant: i.compliant })),
    );
    const duplicates = crossWorkbookDuplicates(files, this.config, facts);
    for (const finding of duplicates.findings) this.storeFindings(finding.file, [finding]);
    for (const file of items.fileNames()) {
      const counted = duplicates.counted.get(file);
      // A file added in parts (two inputs of one name) is sorted again as one list.
      if (!counted && items.parts(file) < 2) continue;
      const list = items.ofFile(file).map((i) => ({ ...i, findings: { ...i.findings } }));
      if (items.parts(file) > 1) list.sort((a, b) => byName(a.name, b.name));
      for (const [name, severities] of counted ?? []) {
        const item = list.find((i) => i.name === name);
        if (!item) continue;
        for (const severity of severities) {
          item.findings[severity] += 1;
          if (severity === 'error') item.compliant = false;
        }
      }
      items.replace(file, list);
    }
    items.sortFiles(byName);
    findings.sortFiles(byName);

    const sponsors = mergeSponsors(files, facts);
    const previous = options.previous;
    if (previous) addTrend(sponsors, findings, previous);

    const compliantItems = facts.filter((i) => i.compliant).length;
    const next = nextQuarter(options.quarter, this.config.fiscalYearStartMonth);
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
        items: facts.length,
        compliant: compliantItems,
        compliance: complianceRatio(compliantItems, facts.length),
        findings: { ...this.counts },
      },
      history,
      inputs,
      items,
      sponsors,
      findings,
      people: computePeople(files.map((f) => f.people)),
    };
  }

  private storeFindings(file: string, findings: ReportFinding[]): void {
    for (const f of findings) {
      if (f.waived) this.counts.waived += 1;
      else this.counts[f.severity] += 1;
    }
    this.stores.findings.add(file, findings);
  }
}

/** Returns the report model (the content of report.json) for one audit run, all in memory. */
export function buildReport(options: BuildReportOptions): ReportJson {
  const builder = new ReportBuilder(options.config, reportStores());
  for (const f of options.files) builder.add(f);
  const model = builder.build(options);
  // The items and findings take their places in the model's key order.
  return { ...model, items: [...model.items], findings: [...model.findings] };
}

/**
 * Returns the report's sponsors: each workbook's sponsors merged into one entry per person
 * (`groupPeople`: by email, else by name, a name-only sponsor joining the one with an email),
 * items with no sponsor in one "No sponsor" entry last, and a unique slug for each.
 */
function mergeSponsors(files: FileDigest[], items: ItemFact[]): ReportSponsor[] {
  const named: { file: string; sponsor: SponsorResult }[] = [];
  const unassigned: { file: string; sponsor: SponsorResult }[] = [];
  for (const f of files) {
    for (const s of f.sponsors) {
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

/** Returns the keys (file and item name) of the sponsor's items, and the files they are in. */
function itemsOf(sponsor: ReportSponsor): { keys: Set<string>; files: Set<string> } {
  return {
    keys: new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`)),
    files: new Set(sponsor.itemList.map((i) => i.file)),
  };
}

/**
 * Returns one sponsor's items and findings (waived included), in the report's order, reading
 * only the files of the sponsor's items (`SponsorPartition` splits them for every sponsor in one
 * pass instead).
 */
export function sponsorRows(report: ReportModel, sponsor: ReportSponsor): SponsorRows {
  const { keys, files } = itemsOf(sponsor);
  const items: ReportItem[] = [];
  for (const i of recordsOfFiles(report.items, files)) {
    if (keys.has(`${i.file}\u0001${i.name}`)) items.push(i);
  }
  return { items, findings: sponsorFindings(sponsor, report.findings, true) };
}

/**
 * Every sponsor's items and findings (waived included), split from the report's in one pass,
 * in report order, and kept by sponsor the way the report keeps them (`FileRecords`: spilled
 * past `spillAbove` records), so each sponsor's rows are then read alone. `rows` gives what
 * `sponsorRows` gives; call `close` when done.
 */
export class SponsorPartition {
  private readonly items: FileRecords<ReportItem>;
  private readonly findings: FileRecords<ReportFinding>;

  constructor(report: ReportModel, spillAbove = Infinity) {
    // The report's records are copies already, which nobody changes: held, not copied again.
    this.items = new FileRecords<ReportItem>('sponsor-items', { spillAbove, copy: false });
    this.findings = new FileRecords<ReportFinding>('sponsor-findings', { spillAbove, copy: false });
    try {
      this.fill(report);
    } catch (err) {
      // Nothing refers to a partition that failed: its temp files go now.
      this.close();
      throw err;
    }
  }

  private fill(report: ReportModel): void {
    // Each item (by file and name) to the slugs of the sponsors that list it.
    const owners = new Map<string, string[]>();
    for (const sponsor of report.sponsors) {
      for (const i of sponsor.itemList) {
        const key = `${i.file}\u0001${i.name}`;
        const listed = owners.get(key);
        if (!listed) owners.set(key, [sponsor.slug]);
        else if (!listed.includes(sponsor.slug)) listed.push(sponsor.slug);
      }
    }
    split(report.items, (i) => owners.get(`${i.file}\u0001${i.name}`), this.items);
    split(
      report.findings,
      (f) => (f.item === undefined ? undefined : owners.get(`${f.file}\u0001${f.item}`)),
      this.findings,
    );
  }

  /** The sponsor's items and findings, in report order; do not change them. */
  rows(sponsor: ReportSponsor): SponsorRows {
    return { items: this.items.ofFile(sponsor.slug), findings: this.findings.ofFile(sponsor.slug) };
  }

  close(): void {
    this.items.close();
    this.findings.close();
  }
}

/** Adds each record of `list` under the slugs `ownersOf` gives it, in batches per slug. */
function split<T>(
  list: RecordList<T>,
  ownersOf: (record: T) => string[] | undefined,
  into: FileRecords<T>,
): void {
  const BATCH = 256;
  const pending = new Map<string, T[]>();
  for (const record of list) {
    for (const slug of ownersOf(record) ?? []) {
      const batch = pending.get(slug) ?? [];
      batch.push(record);
      if (batch.length >= BATCH) {
        into.add(slug, batch);
        pending.set(slug, []);
      } else pending.set(slug, batch);
    }
  }
  for (const [slug, batch] of pending) into.add(slug, batch);
}

/** Returns the findings (not waived) that belong to the sponsor's items. */
export function sponsorFindings(
  sponsor: ReportSponsor,
  findings: FindingList,
  includeWaived = false,
): ReportFinding[] {
  const { keys, files } = itemsOf(sponsor);
  const out: ReportFinding[] = [];
  for (const f of recordsOfFiles(findings, files)) {
    if (
      f.item !== undefined &&
      keys.has(`${f.file}\u0001${f.item}`) &&
      (includeWaived || !f.waived)
    ) {
      out.push(f);
    }
  }
  return out;
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
  findings: FindingList,
  previous: PreviousReport,
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
