/**
 * The sidebar's behaviour: validate (fetching every page of findings), show counts and the
 * findings grouped by sheet, filter by severity, select a finding's cell, explain a rule, show
 * and clear findings in the sheet, live checks, insert template, and settings. While a server
 * call runs every button is disabled and the one status line says what is happening; success
 * and failure both re-enable them, and every failure is reported in the status line.
 */
import type { Finding } from '../core/model';
import type { RuleInfo } from '../addon/ui';
import type { SettingsView } from '../addon/settings';
import type { ValidationPage } from '../addon/validate';
import type { callServer } from './rpc';
import { el, renderCounts, renderFindings, type SeverityFilter } from './render';

export type CallServer = typeof callServer;

interface State {
  findings: Finding[];
  sheets: string[];
  filter: SeverityFilter;
  rules: RuleInfo[];
  busy: boolean;
}

/** Starts the sidebar on `doc`; returns a handle for tests (`validate` resolves when done). */
export function startSidebar(
  doc: Document,
  call: CallServer,
): { validate: () => Promise<void>; ready: Promise<void> } {
  const byId = <T extends HTMLElement>(id: string) => {
    const node = doc.getElementById(id);
    if (!node) throw new Error(`The sidebar page lacks #${id}.`);
    return node as T;
  };
  const status = byId<HTMLDivElement>('status');
  const findingsBox = byId<HTMLDivElement>('findings');
  const filterSelect = byId<HTMLSelectElement>('severity-filter');
  const state: State = { findings: [], sheets: [], filter: 'all', rules: [], busy: false };

  const setStatus = (text: string, kind: 'ok' | 'busy' | 'error' = 'ok') => {
    status.textContent = text;
    status.className = `block status${kind === 'ok' ? '' : ` ${kind}`}`;
  };

  const setBusy = (busy: boolean) => {
    state.busy = busy;
    doc.querySelectorAll('button, select, input').forEach((node) => {
      (node as HTMLButtonElement).disabled = busy;
    });
    doc.body.setAttribute('aria-busy', String(busy));
  };

  /** Runs one server action with the busy state; failures land in the status line. */
  const run = async <T>(busyText: string, action: () => Promise<T>, done: (value: T) => string) => {
    if (state.busy) return;
    setBusy(true);
    setStatus(busyText, 'busy');
    try {
      const value = await action();
      setBusy(false);
      setStatus(done(value));
    } catch (error) {
      setBusy(false);
      setStatus(
        `${busyText.replace(/…$/, '')} failed: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
    }
  };

  const redraw = () => {
    renderFindings(doc, findingsBox, state.findings, state.sheets, state.filter, {
      select: (finding) => {
        if (!finding.sheet || !finding.cell) return;
        const sheet = finding.sheet;
        const cell = finding.cell;
        void run(
          'Selecting the cell…',
          () => call('selectCell', sheet, cell),
          (r) => `Selected ${r.sheet}!${r.cell}.`,
        );
      },
      explain: (ruleId) => void explain(ruleId),
    });
  };

  const showPage = (page: ValidationPage) => {
    renderCounts(doc, page.counts);
    byId('counts').hidden = false;
    byId('filter-block').hidden = page.total === 0;
    const configBox = byId<HTMLDivElement>('config-errors');
    configBox.replaceChildren();
    for (const e of page.configErrors) {
      configBox.appendChild(
        el(
          doc,
          'div',
          undefined,
          `${e.sheet ? `${e.sheet}${e.cell ? `!${e.cell}` : ''}: ` : ''}${e.message}`,
        ),
      );
    }
    configBox.hidden = page.configErrors.length === 0;
  };

  const validate = () =>
    run(
      'Validating…',
      async () => {
        let page = await call('validate');
        let findings = page.findings.slice();
        let rounds = 0;
        while (page.nextOffset !== null && rounds < 1000) {
          rounds++;
          const next: ValidationPage = await call('getFindingsPage', page.runId, page.nextOffset);
          if (next.runId !== page.runId) findings = [];
          findings = findings.concat(next.findings);
          page = next;
          setStatus(`Validating… ${findings.length} of ${page.total} findings loaded`, 'busy');
        }
        state.findings = findings;
        state.sheets = page.sheets;
        showPage(page);
        redraw();
        return page;
      },
      (page) =>
        page.total === 0
          ? `No findings in ${page.matrices} matri${page.matrices === 1 ? 'x' : 'ces'}. As of ${page.asOf}.`
          : `${page.total} finding${page.total === 1 ? '' : 's'} in ${page.matrices} matri${page.matrices === 1 ? 'x' : 'ces'}, as of ${page.asOf} (quarter ${page.quarter}).`,
    );

  const explain = (ruleId: string) =>
    run(
      'Loading the rule…',
      () => call('explainRule', ruleId),
      (rule) => {
        byId('explain-title').textContent = `${rule.id} (${rule.defaultSeverity} by default)`;
        byId('explain-description').textContent = rule.description;
        byId('explain-rationale').textContent = rule.rationale;
        byId('explain').hidden = false;
        return `About ${rule.id}.`;
      },
    );

  // ---------------------------------------------------------------------------------------
  // Settings

  const input = (id: string) => byId<HTMLInputElement>(id);
  const select = (id: string) => byId<HTMLSelectElement>(id);

  const fillSettings = (view: SettingsView) => {
    const c = view.config;
    select('set-model').value = c.model;
    input('set-allow-ar').checked = c.allowAccountableResponsible;
    input('set-max-consulted').value = String(c.thresholds.maxConsulted);
    input('set-max-responsible').value = String(c.thresholds.maxResponsible);
    input('set-overloaded-share').value = String(c.thresholds.overloadedShare);
    input('set-fiscal-start').value = String(c.fiscalYearStartMonth);
    select('set-date-order').value = c.dateOrder;
    input('set-due-soon').value = String(c.dueSoonDays);
    input('set-conflicts').value = c.conflictingRoles.map((p) => `${p[0]} <> ${p[1]}`).join('; ');
    const box = byId<HTMLDivElement>('rule-settings');
    box.replaceChildren();
    for (const rule of state.rules) {
      const row = el(doc, 'div', 'rule-setting');
      const id = `rule-${rule.id.replace(/[^a-z0-9]/gi, '-')}`;
      const label = el(doc, 'label', undefined, rule.id);
      label.htmlFor = id;
      label.title = rule.description;
      const choice = el(doc, 'select');
      choice.id = id;
      choice.dataset.rule = rule.id;
      for (const option of ['default', 'error', 'warning', 'info', 'off']) {
        const o = el(
          doc,
          'option',
          undefined,
          option === 'default' ? `default (${rule.defaultSeverity})` : option,
        );
        o.value = option;
        choice.appendChild(o);
      }
      choice.value =
        view.raw.rules && typeof view.raw.rules === 'object'
          ? String((view.raw.rules as Record<string, unknown>)[rule.id] ?? 'default')
          : 'default';
      if (!choice.value) choice.value = 'default';
      row.appendChild(label);
      row.appendChild(choice);
      box.appendChild(row);
    }
    showSettingsErrors(view);
  };

  const showSettingsErrors = (view: SettingsView) => {
    const box = byId<HTMLDivElement>('settings-errors');
    box.replaceChildren();
    for (const e of view.errors)
      box.appendChild(el(doc, 'div', undefined, `${e.key}: ${e.message}`));
    box.hidden = view.errors.length === 0;
  };

  const readSettingsForm = (): Record<string, unknown> => {
    const rules: Record<string, string> = {};
    byId('rule-settings')
      .querySelectorAll('select')
      .forEach((node) => {
        const choice = node as HTMLSelectElement;
        if (choice.dataset.rule && choice.value !== 'default')
          rules[choice.dataset.rule] = choice.value;
      });
    return {
      model: select('set-model').value,
      allowAccountableResponsible: input('set-allow-ar').checked,
      thresholds: {
        maxConsulted: input('set-max-consulted').value,
        maxResponsible: input('set-max-responsible').value,
        overloadedShare: input('set-overloaded-share').value,
      },
      fiscalYearStartMonth: input('set-fiscal-start').value,
      dateOrder: select('set-date-order').value,
      dueSoonDays: input('set-due-soon').value,
      conflictingRoles: input('set-conflicts').value,
      rules,
    };
  };

  // ---------------------------------------------------------------------------------------
  // Wiring

  byId('validate').addEventListener('click', () => void validate());
  filterSelect.addEventListener('change', () => {
    state.filter = filterSelect.value as SeverityFilter;
    redraw();
  });
  byId('explain-close').addEventListener('click', () => {
    byId('explain').hidden = true;
  });
  byId('show-findings').addEventListener(
    'click',
    () =>
      void run(
        'Marking the findings in the sheet…',
        () => call('showFindings'),
        (r) => r.message,
      ),
  );
  byId('clear-findings').addEventListener(
    'click',
    () =>
      void run(
        'Restoring the marked cells…',
        () => call('clearFindings'),
        (r) => r.message,
      ),
  );
  byId('live-checks').addEventListener(
    'click',
    () =>
      void run(
        'Setting up live checks…',
        () => call('setUpLiveChecks'),
        (r) => r.message,
      ),
  );
  byId('insert-template').addEventListener(
    'click',
    () =>
      void run(
        'Inserting the template…',
        () => call('insertTemplate'),
        (r) => r.message,
      ),
  );
  byId('settings-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void run(
      'Saving settings…',
      () => call('saveSettings', readSettingsForm()),
      (view) => {
        showSettingsErrors(view);
        if (!view.saved)
          throw new Error(view.errors.map((e) => `${e.key}: ${e.message}`).join(' '));
        fillSettings(view);
        return 'Settings saved. Validate again to apply them.';
      },
    );
  });

  const ready = run(
    'Loading…',
    async () => {
      state.rules = await call('getRules');
      fillSettings(await call('getSettings'));
    },
    () => 'Click Validate to check this spreadsheet.',
  ).then(() => {
    if (doc.documentElement.getAttribute('data-validate-on-open') === 'true') return validate();
    return undefined;
  });

  return { validate, ready };
}
