/**
 * The RACI table of seed 004 (an article on ITIL service management roles), pasted into a
 * sheet: the markdown table becomes cells and every surrounding text line, the
 * "Legend: A = Accountable, ..." line included, becomes a one-cell row. Through the whole core,
 * exactly its two defective rows are flagged ("Approve high risk change" has no R, "Inform
 * users" has no A), and CAB Member, which holds only C and I, gets the info-level
 * `role/no-duty` column finding. Nothing else is reported.
 */
import type { Grid } from '../../../src/core/model';
import { analyseCase } from '../../support/rule-tester';

/** The seed's text around and including its table, as written there. */
const SEED_EXCERPT = `RACI and role clarity: who is Responsible, Accountable, Consulted, and Informed
Use RACI to avoid the tragic scene where 8 people look at an incident and 0 people fix it.
Example small RACI for change handling:
| Activity | Process Owner | Change Manager | CAB Member | Service Owner | Service Desk |
|---|---|---|---|---|---|
| Draft change policy | A | R | C | C | I |
| Approve high risk change | I | A | C | C | I |
| Schedule change window | I | R | C | A | I |
| Inform users | I | I | I | C | R |
Legend: A = Accountable, R = Responsible, C = Consulted, I = Informed
A mini scenario: incident to improvement (how roles interact)
- User reports service slowdown to Service Desk (Service Desk role records incident).
- Service Desk escalates to Technical Management (Practitioners start triage).
- Incident Manager coordinates the fix and keeps the Service Owner informed.
- Root cause shows a recurring configuration flaw in a linked process (integration point between Change Management and Release Management).
- Process Owner for Change picks this up and, working with the Service Owner, designs a process update.
- CSI team tracks KPI improvement after the change and updates the CSI register.
See how this stitches together previous lessons on process integration and CSI? Roles make the stitch possible.
Practical tips for implementing role clarity in your org
- Create a RACI for every core process, and publish it where teams actually look (not just in a policy PDF).
- Review cadence: monthly service review + CSI quarterly review`;

/** Turns markdown into sheet rows: table rows into cells (separator row dropped), other lines into one cell. */
function markdownToGrid(text: string): Grid {
  const rows: Grid = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (/^\|[\s|:-]+\|$/.test(trimmed)) continue;
    if (trimmed.startsWith('|') && trimmed.endsWith('|')) {
      rows.push(
        trimmed
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim()),
      );
    } else {
      rows.push([trimmed]);
    }
  }
  return rows;
}

describe('seed 004: the example RACI for change handling', () => {
  const grid = markdownToGrid(SEED_EXCERPT);

  it('is turned into a grid with the table at rows 4 to 8', () => {
    expect(grid[3]).toEqual([
      'Activity',
      'Process Owner',
      'Change Manager',
      'CAB Member',
      'Service Owner',
      'Service Desk',
    ]);
    expect(grid[7][0]).toBe('Inform users');
    expect(grid[8][0]).toMatch(/^Legend: A = Accountable/);
  });

  it('flags exactly the two defective rows, and CAB Member as having no duty', () => {
    const findings = analyseCase({ name: 'seed 004', sheets: [{ name: 'Change', rows: grid }] });
    expect(
      findings.map((f) => [f.rule, f.sheet, f.cell, f.activity ?? f.role, f.severity]),
    ).toEqual([
      // CAB Member holds only C and I: an info-level column finding at its header cell.
      ['role/no-duty', 'Change', 'D4', 'CAB Member', 'info'],
      ['matrix/no-responsible', 'Change', 'A6', 'Approve high risk change', 'error'],
      ['matrix/no-accountable', 'Change', 'A8', 'Inform users', 'error'],
    ]);
  });
});
