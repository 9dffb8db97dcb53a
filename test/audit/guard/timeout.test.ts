/** `withTimeout`: the promise's own result when it is in time, a named error when it is not. */
import { ReaderTimeoutError, withTimeout } from '../../../audit/guard';

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves with the value of a promise that settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000, 'reading')).resolves.toBe(42);
  });

  it("passes on the promise's own rejection", async () => {
    await expect(
      withTimeout(Promise.reject(new Error('bad zip')), 1000, 'reading'),
    ).rejects.toThrow('bad zip');
  });

  it('rejects with ReaderTimeoutError naming what took too long, and calls onTimeout once', async () => {
    const onTimeout = jest.fn();
    const never = new Promise<never>(() => undefined);
    const result = withTimeout(never, 2500, 'reading budget.xlsx', onTimeout);
    jest.advanceTimersByTime(2499);
    expect(onTimeout).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await expect(result).rejects.toThrow(new ReaderTimeoutError('reading budget.xlsx', 2500));
    await expect(result).rejects.toThrow('reading budget.xlsx did not finish within 2.5 seconds');
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('does not fire once the promise has settled', async () => {
    const onTimeout = jest.fn();
    await withTimeout(Promise.resolve('done'), 100, 'reading', onTimeout);
    jest.advanceTimersByTime(1000);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
