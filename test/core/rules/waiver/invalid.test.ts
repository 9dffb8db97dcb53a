/** Table-driven tests of `waiver/invalid`. */
import { waiverInvalid } from '../../../../src/core/rules/waiver/invalid';
import { ruleTester } from '../../../support/rule-tester';
import { item, register, waivers, workbook } from '../../governance/fixtures';

const noSignoff = workbook([item({ signOff: '' })]);

ruleTester(waiverInvalid, {
  valid: [
    { name: 'no Waivers sheet', sheets: noSignoff },
    {
      name: 'complete, matching, expiring on the audit date',
      sheets: [
        ...noSignoff,
        waivers([
          [
            'review/no-signoff',
            'Incident Management',
            'J2',
            'Paper sign-off',
            'Bob Boss',
            '2026-09-30',
          ],
        ]),
      ],
    },
    {
      name: 'a rule group matching an attributed matrix finding by activity',
      sheets: [
        register([item()]),
        {
          name: 'Incident Management RACI',
          rows: [
            ['Activity', 'Desk', 'Lead'],
            ['Log the call', 'R', 'A'],
            ['Close the call', 'R', ''],
          ],
        },
        waivers([
          ['matrix/*', 'Incident Management', 'close the call', 'Desk closes', 'Bob Boss', ''],
        ]),
      ],
    },
  ],
  invalid: [
    {
      name: 'expired the day before the audit date',
      sheets: [
        ...noSignoff,
        waivers([['review/no-signoff', '', '', 'Paper sign-off', 'Bob Boss', '2026-09-29']]),
      ],
      errors: [{ sheet: 'Waivers', cell: 'A2', severity: 'warning' }],
    },
    {
      name: 'no reason, no approver, unreadable expiry',
      sheets: [
        ...noSignoff,
        waivers([
          ['review/no-signoff', '', '', '', 'Bob Boss', ''],
          ['review/no-signoff', '', '', 'Paper', '', ''],
          ['review/no-signoff', '', '', 'Paper', 'Bob', 'someday'],
        ]),
      ],
      errors: [
        { sheet: 'Waivers', cell: 'A2', message: /: it is missing a reason\.$/ },
        { sheet: 'Waivers', cell: 'A3', message: /: it is missing an approver\.$/ },
        { sheet: 'Waivers', cell: 'A4' },
      ],
    },
    {
      name: 'no rule, reason or approver',
      sheets: [...noSignoff, waivers([['', 'Incident Management', '', '', '', '']])],
      errors: [
        {
          sheet: 'Waivers',
          cell: 'A2',
          message:
            /\(no rule, item or sheet "Incident Management"\) does not apply: it is missing a rule, a reason and an approver\.$/,
        },
      ],
    },
    {
      name: 'matches nothing, each part of the waiver labelled and quoted',
      sheets: [
        ...noSignoff,
        waivers([
          ['matrix/too-many-consulted', 'Change', 'Raise a request for change', 'x', 'Bob', ''],
          ['review/no-signoff', 'Register', 'Register!J9', 'x', 'Bob', ''],
        ]),
      ],
      errors: [
        {
          sheet: 'Waivers',
          cell: 'A2',
          message:
            /^The waiver on sheet "Waivers" row 2 \(rule matrix\/too-many-consulted, item or sheet "Change", activity or role "Raise a request for change"\) matches no finding\.$/,
        },
        {
          sheet: 'Waivers',
          cell: 'A3',
          message: /row 3 \(rule review\/no-signoff, item or sheet "Register", cell Register!J9\)/,
        },
      ],
    },
    {
      name: 'matches nothing (wrong item, wrong cell, unknown rule)',
      sheets: [
        ...noSignoff,
        waivers([
          ['review/no-signoff', 'Problem', '', 'x', 'Bob', ''],
          ['review/no-signoff', '', 'J9', 'x', 'Bob', ''],
          ['matrix/no-such-rule', '', '', 'x', 'Bob', ''],
        ]),
      ],
      errors: [
        { sheet: 'Waivers', cell: 'A2' },
        { sheet: 'Waivers', cell: 'A3' },
        { sheet: 'Waivers', cell: 'A4' },
      ],
    },
  ],
});
