/**
 * A small report model built by hand, for renderer tests that must not depend on the core's
 * wording: two sponsors (one without email), items compliant and not, findings of each
 * severity (one waived), a trend, and input text that tries to be markup and a formula.
 */
import type { ReportFinding, ReportItem, ReportJson } from '../../../audit/report/model';

export const HOSTILE_NAME = '<script>alert("x")</script> & Co';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","click")';

function item(
  name: string,
  sponsor: string,
  compliant: boolean,
  extra: Partial<ReportItem> = {},
): ReportItem {
  return {
    name,
    kind: 'process',
    file: 'ops.xlsx',
    owner: 'Ann Lee',
    sponsor,
    manager: 'Bo Chan',
    compliant,
    score: compliant ? 100 : 64,
    findings: compliant ? { error: 0, warning: 0, info: 0 } : { error: 2, warning: 1, info: 0 },
    failedChecks: compliant ? [] : ['RACI free of errors', 'Review on cadence'],
    review: compliant
      ? {
          cadence: 'quarterly',
          lastReviewed: '2026-08-12',
          nextDue: '2026-11-12',
          status: 'ok',
          daysOverdue: null,
          adherence: 1,
        }
      : {
          cadence: 'quarterly',
          lastReviewed: '2026-01-10',
          nextDue: '2026-04-10',
          status: 'overdue',
          daysOverdue: 173,
          adherence: 0,
        },
    sponsorReview: compliant
      ? { date: '2026-09-15', status: 'done' }
      : { date: null, status: 'missing' },
    ...extra,
  };
}

function finding(
  f: Partial<ReportFinding> & Pick<ReportFinding, 'rule' | 'severity' | 'message'>,
): ReportFinding {
  return { file: 'ops.xlsx', sheet: 'Payments', ...f };
}

/** Returns the fixture report. */
export function fixtureReport(): ReportJson {
  const findings: ReportFinding[] = [
    finding({
      rule: 'matrix/no-accountable',
      severity: 'error',
      message: `Activity "${FORMULA_TEXT}" has no A.`,
      cell: 'A2',
      item: 'Payments',
      activity: FORMULA_TEXT,
    }),
    finding({
      rule: 'matrix/multiple-accountable',
      severity: 'error',
      message: 'Activity "Release" has 2 A.',
      cell: 'B3',
      item: 'Payments',
      activity: 'Release',
    }),
    finding({
      rule: 'review/overdue',
      severity: 'warning',
      message: '"Payments" is 173 days overdue.',
      sheet: 'Register',
      cell: 'H3',
      item: 'Payments',
    }),
    finding({
      rule: 'role/unused',
      severity: 'info',
      message: `Role "${HOSTILE_NAME}" is unused.`,
      sheet: 'Hostile',
      cell: 'C1',
      item: HOSTILE_NAME,
      role: HOSTILE_NAME,
    }),
    finding({
      rule: 'role/no-duty',
      severity: 'info',
      message: 'Role "Auditor" only C and I.',
      sheet: 'Incident',
      cell: 'E1',
      item: 'Incident',
      waived: true,
    }),
  ];
  const items = [
    item('Incident', 'Dana Whitfield', true),
    item('Payments', 'Dana Whitfield', false),
    item(HOSTILE_NAME, HOSTILE_NAME, false, { findings: { error: 0, warning: 0, info: 1 } }),
  ];
  return {
    schemaVersion: 1,
    quarter: '2026-Q3',
    period: { start: '2026-07-01', end: '2026-09-30' },
    asOf: '2026-09-30',
    nextQuarter: { quarter: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
    previousQuarter: '2026-Q2',
    summary: {
      inputs: 2,
      unreadable: 1,
      items: 3,
      compliant: 1,
      compliance: 0.3333,
      findings: { error: 2, warning: 1, info: 1, waived: 1 },
    },
    history: [
      { quarter: '2026-Q1', compliance: 0.2 },
      { quarter: '2026-Q2', compliance: 0.25 },
    ],
    inputs: [
      {
        file: 'broken.xlsx',
        sha256: 'ab'.repeat(32),
        status: 'unreadable',
        error: 'the file is not an .xlsx workbook (it is not a zip archive)',
      },
      { file: 'ops.xlsx', sha256: 'cd'.repeat(32), status: 'ok' },
    ],
    items,
    sponsors: [
      {
        name: 'Dana Whitfield',
        email: 'dana@example.org',
        slug: 'dana-whitfield',
        sitting: true,
        items: 2,
        compliant: 1,
        compliance: 0.5,
        previousCompliance: 0,
        itemList: [
          { file: 'ops.xlsx', name: 'Incident' },
          { file: 'ops.xlsx', name: 'Payments' },
        ],
        newFindings: [findings[1]],
        resolvedFindings: [
          finding({
            rule: 'register/no-owner',
            severity: 'error',
            message: '"Payments" has no owner.',
            item: 'Payments',
          }),
        ],
      },
      {
        name: HOSTILE_NAME,
        slug: 'script-alert-x-script-co',
        sitting: false,
        items: 1,
        compliant: 0,
        compliance: 0,
        itemList: [{ file: 'ops.xlsx', name: HOSTILE_NAME }],
      },
    ],
    findings: [
      finding({
        rule: 'workbook/unreadable',
        severity: 'error',
        message: 'broken.xlsx could not be read.',
        file: 'broken.xlsx',
        sheet: '',
      }),
      ...findings,
    ],
    people: [
      {
        person: 'Bo Chan',
        source: 'holder',
        responsible: 3,
        accountable: 4,
        roles: ['Process Manager'],
        files: ['ops.xlsx'],
      },
      {
        person: FORMULA_TEXT,
        source: 'role',
        responsible: 1,
        accountable: 0,
        roles: [FORMULA_TEXT],
        files: ['ops.xlsx'],
      },
    ],
  };
}
