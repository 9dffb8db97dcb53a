/**
 * The heap bound the `raci-audit` process sets (audit/heap.ts): set unless the user passed
 * their own value of the flag to node, however they spelled it.
 */
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from '../../audit/heap';

const OURS = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

describe('heapGrowthFlag', () => {
  test.each<[string, string[], string | undefined]>([
    ['nothing given', [], OURS],
    ['other node options', ['--enable-source-maps', '--max-old-space-size=4096'], OURS],
    ['a flag that only starts the same', ['--heap-growing-percentage=5'], OURS],
    ['a script argument that looks like it', ['-e', 'x --heap-growing-percent=5'], OURS],
    ['the flag', ['--heap-growing-percent=50'], undefined],
    ['the flag with underscores', ['--heap_growing_percent=10'], undefined],
    ['the flag with one dash', ['-heap-growing-percent=10'], undefined],
    ['the flag to restore V8 sizing', ['--trace-warnings', '--heap-growing-percent=0'], undefined],
  ])('%s', (_name, execArgv, expected) => {
    expect(heapGrowthFlag(execArgv)).toBe(expected);
  });
});
