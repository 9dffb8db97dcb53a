/**
 * @jest-environment jsdom
 *
 * The sidebar's behaviour in jsdom with a typed fake server (the calls `google.script.run`
 * would make, answered in memory): every server call's failure lands in the status line and
 * re-enables the buttons, findings are fetched page by page (restarting when the run changed),
 * grouped by sheet in workbook order, counted, filtered, and all cell text stays text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/model';
import type { ValidationPage } from '../../src/addon/validate';
import { startSidebar, type CallServer } from '../../src/sidebar/app';
import type { ServerApi } from '../../src/sidebar/rpc';
import { defaultConfig } from '../../src/core/config';

type FakeServer = {
  [K in keyof ServerApi]?: (...args: Parameters<ServerApi[K]>) => ReturnType<ServerApi[K]>;
};

function loadPage(): void {
  const html = readFileSync(join(__dirname, '..', '..', 'src', 'sidebar', 'sidebar.html'), 'utf8');
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  document.body.innerHTML = body.replace(/<script>[\s\S]*?<\/script>/g, '');
}

/** Returns a CallServer answering from `server` asynchronously, and the log of calls. */
function fakeCall(server: FakeServer): { call: CallServer; log: string[] } {
  const log: string[] = [];
  const call = ((name: keyof ServerApi, ...args: unknown[]) => {
    log.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        const fn = server[name] as ((...a: unknown[]) => unknown) | undefined;
        if (!fn) return reject(new Error(`Script function not found: ${name}`));
        try {
          resolve(JSON.parse(JSON.stringify(fn(...args) ?? null)));
        } catch (error) {
          reject(error);
        }
      }, 0);
    });
  }) as CallServer;
  return { call, log };
}

const BASE: FakeServer = {
  getRules: () => [
    {
      id: 'matrix/no-accountable',
      group: 'matrix',
      defaultSeverity: 'error',
      description: 'No A.',
      rationale: 'One owner.',
    },
  ],
  getSettings: () => ({ saved: true, raw: {}, config: defaultConfig(), errors: [] }),
};

function finding(partial: Partial<Finding>): Finding {
  return { rule: 'matrix/no-accountable', severity: 'error', message: 'No A.', ...partial };
}

function page(findings: Finding[], extra: Partial<ValidationPage> = {}): ValidationPage {
  return {
    runId: 'run-1',
    total: findings.length,
    offset: 0,
    nextOffset: null,
    counts: {
      error: findings.filter((f) => f.severity === 'error').length,
      warning: 0,
      info: 0,
      waived: 0,
    },
    findings,
    sheets: ['Register', 'RACI'],
    matrices: 1,
    quarter: '2026-Q3',
    asOf: '2026-09-30',
    configErrors: [],
    ...extra,
  };
}

const statusText = () => document.getElementById('status')?.textContent;
const buttonsDisabled = () =>
  [...document.querySelectorAll('button')].some((b) => (b as HTMLButtonElement).disabled);

beforeEach(() => {
  document.documentElement.removeAttribute('data-validate-on-open');
  loadPage();
});

describe('the sidebar', () => {
  it('reports a failure of every action in the status line and re-enables the buttons', async () => {
    const boom = (what: string) => () => {
      throw new Error(`${what} broke`);
    };
    const { call } = fakeCall({
      ...BASE,
      validate: boom('validate'),
      showFindings: boom('show'),
      clearFindings: boom('clear'),
      setUpLiveChecks: boom('live'),
      insertTemplate: boom('template'),
    });
    const sidebar = startSidebar(document, call);
    await sidebar.ready;
    const cases: [string, string][] = [
      ['validate', 'Validating failed: validate broke'],
      ['show-findings', 'Marking the findings in the sheet failed: show broke'],
      ['clear-findings', 'Restoring the marked cells failed: clear broke'],
      ['live-checks', 'Setting up live checks failed: live broke'],
      ['insert-template', 'Inserting the template failed: template broke'],
    ];
    for (const [id, message] of cases) {
      (document.getElementById(id) as HTMLButtonElement).click();
      expect(buttonsDisabled()).toBe(true);
      expect(document.getElementById('status')?.className).toContain('busy');
      await new Promise((r) => setTimeout(r, 5));
      expect(statusText()).toBe(message);
      expect(document.getElementById('status')?.className).toContain('error');
      expect(buttonsDisabled()).toBe(false);
    }
  });

  it('reports a failed start (rules or settings not loading)', async () => {
    const { call } = fakeCall({ getRules: BASE.getRules });
    await startSidebar(document, call).ready;
    expect(statusText()).toBe('Loading failed: Script function not found: getSettings');
    expect(buttonsDisabled()).toBe(false);
  });

  it('fetches every page, starting over when the run changed, and groups by sheet in workbook order', async () => {
    const first = page([finding({ sheet: 'RACI', cell: 'B2', message: 'first' })], {
      total: 3,
      nextOffset: 1,
    });
    const { call, log } = fakeCall({
      ...BASE,
      validate: () => first,
      getFindingsPage: (runId, offset) =>
        offset === 1 && runId === 'run-1'
          ? page(
              [
                finding({ message: 'restart 1' }),
                finding({ sheet: 'Register', cell: 'C2', message: 'restart 2' }),
              ],
              {
                runId: 'run-2',
                total: 3,
                nextOffset: 2,
              },
            )
          : page([finding({ sheet: 'RACI', cell: 'B9', message: 'restart 3' })], {
              runId: 'run-2',
              total: 3,
              offset: 2,
              counts: { error: 3, warning: 0, info: 0, waived: 0 },
            }),
    });
    const sidebar = startSidebar(document, call);
    await sidebar.ready;
    await sidebar.validate();
    expect(log.slice(2)).toEqual([
      'validate()',
      'getFindingsPage("run-1",1)',
      'getFindingsPage("run-2",2)',
    ]);
    const groups = [...document.querySelectorAll('.sheet-group h3')].map((h) => h.textContent);
    expect(groups).toEqual(['Workbook (1)', 'Register (1)', 'RACI (1)']);
    expect([...document.querySelectorAll('.message')].map((m) => m.textContent)).toEqual([
      'restart 1',
      'restart 2',
      'restart 3',
    ]);
    expect(document.getElementById('count-error')?.textContent).toBe('3 errors');
    expect(statusText()).toBe('3 findings in 1 matrix, as of 2026-09-30 (quarter 2026-Q3).');
  });

  it('keeps cell text as text and filters by severity', async () => {
    const markup = '<img src=x onerror="window.__x=1"><b>bold</b>';
    const { call } = fakeCall({
      ...BASE,
      validate: () =>
        page([
          finding({ sheet: markup, cell: 'A1', message: markup, suggestion: '<script>1</script>' }),
          finding({ sheet: 'RACI', cell: 'B3', severity: 'warning', message: 'a warning' }),
          finding({ sheet: 'RACI', cell: 'B4', message: 'waived one', waived: true }),
        ]),
    });
    const sidebar = startSidebar(document, call);
    await sidebar.ready;
    await sidebar.validate();
    const box = document.getElementById('findings') as HTMLElement;
    expect(box.querySelectorAll('img, b, script')).toHaveLength(0);
    expect(box.innerHTML).toContain(
      '&lt;img src=x onerror="window.__x=1"&gt;&lt;b&gt;bold&lt;/b&gt;',
    );
    expect(box.textContent).toContain('<script>1</script>');
    const select = document.getElementById('severity-filter') as HTMLSelectElement;
    for (const [filter, expected] of [
      ['warning', ['a warning']],
      ['waived', ['waived one']],
      ['error', [markup]],
    ] as const) {
      select.value = filter;
      select.dispatchEvent(new Event('change'));
      expect([...box.querySelectorAll('.message')].map((m) => m.textContent)).toEqual(expected);
    }
  });

  it('validates at once when the server opened it from the Validate menu', async () => {
    document.documentElement.setAttribute('data-validate-on-open', 'true');
    const { call, log } = fakeCall({ ...BASE, validate: () => page([]) });
    await startSidebar(document, call).ready;
    expect(log).toEqual(['getRules()', 'getSettings()', 'validate()']);
    expect(statusText()).toBe('No findings in 1 matrix. As of 2026-09-30.');
  });
});
