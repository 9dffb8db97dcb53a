/**
 * DOM builders for the sidebar. Every text that may come from a cell (messages, sheet names,
 * activities, suggestions) goes in with `textContent`, never as markup, so a cell holding
 * `<img onerror=...>` or `<script>` shows as text and never runs.
 */
import type { Finding, Severity } from '../core/model';
import type { FindingCounts } from '../addon/validate';

export type SeverityFilter = Severity | 'all' | 'waived';

/** Returns a new element with a class and text content. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Returns "3 errors" / "1 warning" style text. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Returns true when the finding passes the severity filter. */
export function matchesFilter(finding: Finding, filter: SeverityFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'waived') return finding.waived === true;
  return !finding.waived && finding.severity === filter;
}

/** Writes the counts into their badges. */
export function renderCounts(doc: Document, counts: FindingCounts): void {
  const set = (id: string, text: string) => {
    const node = doc.getElementById(id);
    if (node) node.textContent = text;
  };
  set('count-error', plural(counts.error, 'error', 'errors'));
  set('count-warning', plural(counts.warning, 'warning', 'warnings'));
  set('count-info', plural(counts.info, 'info', 'info'));
  set('count-waived', plural(counts.waived, 'waived', 'waived'));
  const waived = doc.getElementById('count-waived');
  if (waived) waived.hidden = counts.waived === 0;
}

export interface FindingHandlers {
  select(finding: Finding): void;
  explain(ruleId: string): void;
}

function findingItem(
  doc: Document,
  finding: Finding,
  index: number,
  handlers: FindingHandlers,
): HTMLLIElement {
  const item = el(doc, 'li', 'finding');
  item.dataset.index = String(index);
  const main = el(doc, 'button', 'finding-main');
  main.type = 'button';
  const severity = finding.waived ? 'waived' : finding.severity;
  main.appendChild(el(doc, 'span', `sev sev-${severity}`, severity));
  main.appendChild(el(doc, 'span', 'message', finding.message));
  if (finding.cell) main.appendChild(el(doc, 'span', 'where', finding.cell));
  if (finding.suggestion) main.appendChild(el(doc, 'span', 'suggestion', finding.suggestion));
  if (finding.sheet && finding.cell) {
    main.title = `Select ${finding.sheet}!${finding.cell}`;
    main.addEventListener('click', () => handlers.select(finding));
  } else {
    main.title = 'This finding has no single cell.';
    main.classList.add('no-cell');
  }
  item.appendChild(main);
  const explain = el(doc, 'button', 'link explain-rule', '?');
  explain.type = 'button';
  explain.title = `Explain ${finding.rule}`;
  explain.setAttribute('aria-label', `Explain rule ${finding.rule}`);
  explain.addEventListener('click', () => handlers.explain(finding.rule));
  item.appendChild(explain);
  return item;
}

/**
 * Replaces the findings list: grouped by sheet in workbook order (findings with no sheet
 * first, under "Workbook"), filtered by severity. Returns how many findings are shown.
 */
export function renderFindings(
  doc: Document,
  container: HTMLElement,
  findings: readonly Finding[],
  sheetOrder: readonly string[],
  filter: SeverityFilter,
  handlers: FindingHandlers,
): number {
  container.replaceChildren();
  const groups = new Map<string, { finding: Finding; index: number }[]>();
  findings.forEach((finding, index) => {
    if (!matchesFilter(finding, filter)) return;
    const key = finding.sheet ?? '';
    const list = groups.get(key) ?? [];
    list.push({ finding, index });
    groups.set(key, list);
  });
  const order = [
    '',
    ...sheetOrder,
    ...[...groups.keys()].filter((k) => k !== '' && !sheetOrder.includes(k)),
  ];
  let shown = 0;
  for (const sheet of order) {
    const list = groups.get(sheet);
    if (!list) continue;
    const section = el(doc, 'section', 'sheet-group');
    section.dataset.sheet = sheet;
    section.appendChild(el(doc, 'h3', undefined, `${sheet || 'Workbook'} (${list.length})`));
    const ul = el(doc, 'ul');
    for (const { finding, index } of list)
      ul.appendChild(findingItem(doc, finding, index, handlers));
    section.appendChild(ul);
    container.appendChild(section);
    shown += list.length;
  }
  if (shown === 0 && findings.length > 0) {
    container.appendChild(el(doc, 'p', 'secondary', 'No findings match this filter.'));
  }
  return shown;
}
