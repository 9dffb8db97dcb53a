/**
 * The heap bound the `raci-audit` process sets (audit/heap.ts): set unless the user passed
 * their own value of the flag, on the command line or in NODE_OPTIONS, however they spelled it.
 */
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from '../../audit/heap';

const OURS = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

describe('heapGrowthFlag', () => {
  test.each<[string, string[], string | undefined, string | undefined]>([
    ['nothing given', [], undefined, OURS],
    ['other node options', ['--enable-source-maps', '--max-old-space-size=4096'], '', OURS],
    ['other NODE_OPTIONS', [], '--max-old-space-size=2048 --trace-warnings', OURS],
    ['a flag that only starts the same', ['--heap-growing-percentage=5'], undefined, OURS],
    ['the flag on the command line', ['--heap-growing-percent=50'], undefined, undefined],
    ['the flag with a space', ['--heap-growing-percent', '50'], undefined, undefined],
    ['the flag with underscores', ['--heap_growing_percent=10'], undefined, undefined],
    ['the flag with one dash', ['-heap-growing-percent=10'], undefined, undefined],
    ['the flag in NODE_OPTIONS', [], '--trace-warnings --heap-growing-percent=80', undefined],
    ['the flag first in NODE_OPTIONS', [], '--heap_growing_percent=80 --x', undefined],
  ])('%s', (_name, execArgv, nodeOptions, expected) => {
    expect(heapGrowthFlag(execArgv, nodeOptions)).toBe(expected);
  });
});
