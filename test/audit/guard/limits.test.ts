/** The guard's limits: defaults, overrides, and bad values named by their key. */
import { DEFAULT_LIMITS, InvalidLimitError, resolveLimits } from '../../../audit/guard';

describe('resolveLimits', () => {
  it('returns the defaults when nothing is overridden', () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS.maxCellTextChars).toBe(32_767);
    expect(DEFAULT_LIMITS.maxFileBytes).toBe(50 * 1024 * 1024);
  });

  it('applies overrides and leaves the rest at their defaults', () => {
    const limits = resolveLimits({ maxRowsPerSheet: 10, maxCellsPerWorkbook: undefined });
    expect(limits.maxRowsPerSheet).toBe(10);
    expect(limits.maxCellsPerWorkbook).toBe(DEFAULT_LIMITS.maxCellsPerWorkbook);
  });

  it('does not change the shared defaults', () => {
    resolveLimits({ maxRowsPerSheet: 10 });
    expect(DEFAULT_LIMITS.maxRowsPerSheet).toBe(200_000);
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  test.each([
    ['maxRowsPerSheet', 0, /limits\.maxRowsPerSheet: must be a positive whole number, got 0/],
    ['maxRowsPerSheet', -5, /limits\.maxRowsPerSheet: must be a positive whole number, got -5/],
    ['maxFileBytes', 1.5, /limits\.maxFileBytes: must be a positive whole number, got 1\.5/],
    ['maxFileBytes', '50MB', /limits\.maxFileBytes: must be a positive whole number, got "50MB"/],
    ['maxRows', 10, /limits\.maxRows: unknown limit \(known: maxFileBytes, /],
  ])('refuses %s = %p, naming the key', (key, value, message) => {
    let error: unknown;
    try {
      resolveLimits({ [key]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidLimitError);
    expect((error as InvalidLimitError).key).toBe(key);
    expect((error as Error).message).toMatch(message);
  });
});
