/**
 * Sorts what went wrong in one SMTP delivery into permanent (the server refused for good: 5xx,
 * a bad address) and transient (try again later: 4xx, the server unreachable, a dropped
 * connection or a timeout), following RFC 5321's reply classes, and turns it into a
 * `DeliveryFailure` whose message is free of credentials.
 */
import type { DeliveryFailure } from './ledger';
import { maskSecrets } from './smtp-settings';

/** nodemailer and socket codes for a connection that failed before the server could answer. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Returns the failure for an error nodemailer (or the socket under it) raised, credentials masked. */
export function classifySmtpError(error: unknown, secrets: readonly string[]): DeliveryFailure {
  const details = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorLike;
  const code = typeof details.code === 'string' ? details.code : undefined;
  const responseCode =
    typeof details.responseCode === 'number' && details.responseCode > 0
      ? details.responseCode
      : undefined;
  const text =
    typeof details.response === 'string' && details.response !== ''
      ? details.response
      : typeof details.message === 'string'
        ? details.message
        : String(error);
  const message = maskSecrets(text.replace(/\s+/g, ' ').trim(), secrets);
  let kind: DeliveryFailure['kind'];
  if (responseCode !== undefined)
    kind = responseCode >= 400 && responseCode < 500 ? 'transient' : 'permanent';
  else kind = code !== undefined && CONNECTION_CODES.has(code) ? 'transient' : 'permanent';
  return {
    kind,
    ...(code === undefined ? {} : { code }),
    ...(responseCode === undefined ? {} : { responseCode }),
    message,
  };
}

/** Returns whether the failure means the server could not be reached at all (no SMTP reply). */
export function isConnectionFailure(failure: DeliveryFailure): boolean {
  return (
    failure.responseCode === undefined &&
    failure.code !== undefined &&
    CONNECTION_CODES.has(failure.code)
  );
}
