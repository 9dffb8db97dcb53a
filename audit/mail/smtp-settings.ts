/**
 * Reads the SMTP settings for `raci-audit --send` from an environment object (the CLI passes
 * `process.env`; tests pass a plain object), and masks credentials in anything shown to people.
 * `SMTP_URL` is `smtp://user:pass@host:port` (or `smtps://` for TLS from the first byte, with
 * optional `?requireTLS=true`, `?ignoreTLS=true`, `?rejectUnauthorized=false`); `SMTP_USER` and
 * `SMTP_PASS`, when set, give the credentials instead of the URL's. `MAIL_FROM` is the sender
 * (`Governance <governance@example.org>`). A missing or bad value is a `MailConfigError` naming
 * the variable; the error never repeats a credential.
 */
import addressparser from 'nodemailer/lib/addressparser';

/** The environment variables this module reads; anything else in the object is ignored. */
export type MailEnv = Readonly<Record<string, string | undefined>>;

/** A sender or recipient: the display name (may be empty) and the address. */
export interface MailAddress {
  name: string;
  address: string;
}

/** Everything needed to open an SMTP connection, already validated. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  rejectUnauthorized: boolean;
  auth?: { user: string; pass: string };
  from: MailAddress;
  /** The server as safe to print: `smtp://host:port`, never with credentials. */
  server: string;
  /** The credential strings to mask in every message shown or stored. */
  secrets: string[];
}

/** A missing or invalid mail setting; the message names the variable and never a secret. */
export class MailConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'MailConfigError';
  }
}

const QUERY_FLAGS = ['requireTLS', 'ignoreTLS', 'rejectUnauthorized'] as const;

/** Returns the validated SMTP settings from `env`; throws `MailConfigError` when one is wrong. */
export function readSmtpSettings(env: MailEnv): SmtpSettings {
  const rawUrl = (env.SMTP_URL ?? '').trim();
  if (rawUrl === '') {
    throw new MailConfigError(
      'SMTP_URL',
      'SMTP_URL is not set: give the mail server as smtp://user:pass@host:port to use --send.',
    );
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new MailConfigError(
      'SMTP_URL',
      'SMTP_URL is not a valid URL: expected smtp://user:pass@host:port or smtps://...',
    );
  }
  const urlSecrets = [
    url.username,
    url.password,
    safeDecode(url.username),
    safeDecode(url.password),
  ];
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailConfigError(
      'SMTP_URL',
      `SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`,
    );
  }
  if (url.hostname === '') {
    throw new MailConfigError('SMTP_URL', 'SMTP_URL names no host: expected smtp://host:port.');
  }
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const flags = { requireTLS: false, ignoreTLS: false, rejectUnauthorized: true };
  for (const [key, value] of url.searchParams) {
    const flag = QUERY_FLAGS.find((name) => name === key);
    if (flag === undefined) {
      throw new MailConfigError(
        'SMTP_URL',
        `SMTP_URL has an unknown option "${key}": use ${QUERY_FLAGS.join(', ')}.`,
      );
    }
    if (value !== 'true' && value !== 'false') {
      throw new MailConfigError(
        'SMTP_URL',
        `SMTP_URL option ${key} must be true or false, not "${value}".`,
      );
    }
    flags[flag] = value === 'true';
  }

  const envUser = env.SMTP_USER ?? '';
  const envPass = env.SMTP_PASS ?? '';
  let auth: SmtpSettings['auth'];
  if (envUser !== '' || envPass !== '') {
    if (envUser === '' || envPass === '') {
      throw new MailConfigError(
        envUser === '' ? 'SMTP_USER' : 'SMTP_PASS',
        'SMTP_USER and SMTP_PASS must be set together.',
      );
    }
    auth = { user: envUser, pass: envPass };
  } else if (url.username !== '') {
    auth = { user: safeDecode(url.username), pass: safeDecode(url.password) };
  }

  const from = parseMailFrom(env.MAIL_FROM);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    secure,
    ...flags,
    auth,
    from,
    server: `${url.protocol}//${url.hostname}:${port}`,
    secrets: uniqueSecrets([...urlSecrets, envUser, envPass, rawUrl]),
  };
}

/** Returns the sender parsed from `MAIL_FROM`; throws `MailConfigError` when it is not one address. */
function parseMailFrom(value: string | undefined): MailAddress {
  const text = (value ?? '').trim();
  if (text === '') {
    throw new MailConfigError(
      'MAIL_FROM',
      'MAIL_FROM is not set: give the sender, e.g. "RACI Guard <governance@example.org>".',
    );
  }
  const parsed = parseSingleAddress(text);
  if (parsed === null) {
    throw new MailConfigError(
      'MAIL_FROM',
      `MAIL_FROM must be one email address, e.g. "RACI Guard <governance@example.org>", not "${text}".`,
    );
  }
  return parsed;
}

/** Returns the one address in `text` (`Name <a@b.c>` or `a@b.c`), or null when there is not exactly one. */
export function parseSingleAddress(text: string): MailAddress | null {
  if (/[\r\n]/.test(text)) return null;
  const addresses = addressparser(text, { flatten: true });
  if (addresses.length !== 1) return null;
  const [{ name, address }] = addresses;
  if (!/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(address)) return null;
  return { name: name.trim(), address };
}

/**
 * Returns `text` with every credential replaced by `***`: the given secrets (when at least 3
 * characters long, so a short password does not blank out ordinary letters) and any
 * `user:pass@` in a URL.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text.replace(/\/\/[^/\s@]*@/g, '//***@');
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 3) masked = masked.split(secret).join('***');
  }
  return masked;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function uniqueSecrets(values: string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}
