/**
 * A time limit around any reader: `withTimeout` settles with the promise's own result, or
 * rejects with a `ReaderTimeoutError` saying what took too long, whichever comes first. A
 * JavaScript promise cannot be forcibly stopped, so an `onTimeout` callback lets the caller
 * cancel the work it started (destroy a stream, set an abort flag).
 */

/** Raised when a reader did not finish in time; the message says what and how long. */
export class ReaderTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not finish within ${formatSeconds(ms)}`);
    this.name = 'ReaderTimeoutError';
  }
}

/** Returns a duration as people read it: `1 second`, `2.5 seconds`, `20 ms`. */
export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Number((ms / 1000).toFixed(1));
  return `${s} second${s === 1 ? '' : 's'}`;
}

/**
 * Returns a promise that settles like `promise`, or rejects with `ReaderTimeoutError` after
 * `ms` milliseconds (calling `onTimeout` first). The timer never keeps the process alive.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        onTimeout?.();
      } finally {
        reject(new ReaderTimeoutError(what, ms));
      }
    }, ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
