/**
 * Keeps README.md true: its rule table is the one built from the rule metadata, and its quick
 * start names the commands that CI and users run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRuleTable } from '../scripts/rule-table';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('has the rule table built from the rule metadata (run `npm run docs:rules` to update)', () => {
    expect(readme).toBe(withRuleTable(readme));
  });

  it('gives the install-and-test command that .ci/run runs', () => {
    expect(readme).toContain('npm ci && npm test');
    const ci = readFileSync(join(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/ npm test/);
  });
});
