/**
 * The add-on's environment: every Google service the server code touches, behind the narrow
 * interfaces of `gas-types.ts`. `appsScriptEnv()` builds it from Apps Script's globals when an
 * entry point runs; nothing is touched until a service is used, so `onOpen` in AuthMode.NONE
 * never reaches for properties, locks or caches it may not use.
 */
import type {
  CacheLike,
  HtmlOutputLike,
  LockLike,
  PropertiesLike,
  SpreadsheetAppLike,
} from './gas-types';

/** Formats a Date as text in a time zone, like `Utilities.formatDate`. */
export type FormatDate = (date: Date, timeZone: string, pattern: string) => string;

export interface AddonEnv {
  app: SpreadsheetAppLike;
  /** The document's properties (settings and the record of marked cells). */
  documentProperties(): PropertiesLike;
  /** The document lock, or null where Apps Script offers none. */
  documentLock(): LockLike | null;
  /** The document cache (validation pages), or null where Apps Script offers none. */
  documentCache(): CacheLike | null;
  /** The sidebar page, `sidebar.html` of the build. */
  sidebarHtml(): HtmlOutputLike;
  formatDate: FormatDate;
  /** The current instant (an input, so tests can fix it). */
  now(): Date;
}

/** Returns the environment backed by Apps Script's global services. */
export function appsScriptEnv(): AddonEnv {
  return {
    app: SpreadsheetApp,
    documentProperties: () => PropertiesService.getDocumentProperties(),
    documentLock: () => LockService.getDocumentLock(),
    documentCache: () => CacheService.getDocumentCache(),
    sidebarHtml: () => HtmlService.createHtmlOutputFromFile('sidebar'),
    formatDate: (date, timeZone, pattern) => Utilities.formatDate(date, timeZone, pattern),
    now: () => new Date(),
  };
}

/** Returns today's calendar date (`YYYY-MM-DD`) in the spreadsheet's time zone. */
export function todayInSpreadsheet(env: AddonEnv, timeZone: string): string {
  return env.formatDate(env.now(), timeZone, 'yyyy-MM-dd');
}

/**
 * Runs `write` while holding the document lock, so two people (or two clicks) never write
 * marks or rules over each other; returns what `write` returns.
 */
export function withDocumentLock<T>(env: AddonEnv, write: () => T): T {
  const lock = env.documentLock();
  if (lock) {
    try {
      lock.waitLock(20000);
    } catch {
      throw new Error(
        'RACI Guard is busy with another change to this spreadsheet; try again in a few seconds.',
      );
    }
  }
  try {
    return write();
  } finally {
    if (lock) lock.releaseLock();
  }
}
