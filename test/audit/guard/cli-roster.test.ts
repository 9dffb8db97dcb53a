/**
 * A hostile `--leadership` roster through `raci-audit`: the run stops with exit 2 and the
 * guard's reason, naming the roster.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { organisation, tempDir, writeWorkbook } from '../support/workbooks';
import { BAD_CASES } from './support/corpus';

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('raci-guard-e2e-'));
});
afterAll(() => cleanup());

const run = (argv: string[]) => runCli(argv);

describe('raci-audit --leadership with a hostile roster', () => {
  it('stops with exit 2 and the guard reason, naming the roster', async () => {
    const input = join(dir, 'in-roster');
    mkdirSync(input, { recursive: true });
    await writeWorkbook(join(input, 'ops.xlsx'), organisation());
    const roster = await BAD_CASES.find((c) => c.file === 'merge-bomb.xlsx')!.build(dir);
    const result = await run([input, '--leadership', roster, '--out', join(dir, 'out-roster')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /merge-bomb\.xlsx cannot be read: the workbook holds more than 1,000,000 cells/,
    );
  });
});
