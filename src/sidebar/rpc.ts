/**
 * The typed wrapper around `google.script.run`: `callServer('validate')` returns a Promise of
 * exactly what `src/addon/index.ts`'s `validate` returns, and argument types are checked
 * against the server function. Failures reject with an Error carrying the server's message.
 */
import type * as Server from '../addon/index';

export type ServerApi = typeof Server;
export type ServerFunctionName = keyof ServerApi;

/** The part of `google.script.run` the sidebar uses. */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  [serverFunction: string]: unknown;
}

interface GoogleGlobal {
  script: { run: ScriptRunner };
}

function scriptRun(): ScriptRunner {
  const google = (window as unknown as { google?: GoogleGlobal }).google;
  if (!google || !google.script || !google.script.run) {
    throw new Error('This page must run inside Google Sheets (google.script.run is missing).');
  }
  return google.script.run;
}

/** Returns the error a failed server call reports, as an Error with a readable message. */
export function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (
    error &&
    typeof error === 'object' &&
    typeof (error as { message?: unknown }).message === 'string'
  ) {
    return new Error((error as { message: string }).message);
  }
  return new Error(String(error || 'The server call failed.'));
}

/** Calls a server function; returns a Promise of its result. */
export function callServer<K extends ServerFunctionName>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    let runner: ScriptRunner;
    try {
      runner = scriptRun()
        .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
        .withFailureHandler((error) => reject(toError(error)));
    } catch (error) {
      reject(toError(error));
      return;
    }
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`The server has no function "${String(name)}".`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}
