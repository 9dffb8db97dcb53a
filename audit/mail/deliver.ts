/**
 * Delivers the sponsors' quarterly summaries over SMTP, exactly once: `deliverSummaries` takes
 * the out folder, the quarter and one outgoing message per sponsor (its `.eml` file or raw
 * bytes), and consults and updates the delivery ledger in `<out>/<quarter>/` around every
 * message. A summary already delivered to that recipient for that quarter is not sent again
 * unless `force` is set; failed ones are retried; a sponsor without an email is recorded and
 * reported, never skipped in silence. Transient SMTP failures (4xx, server unreachable) are
 * retried with exponential backoff within the run; permanent ones (5xx) are reported at once.
 * A message is marked `sending` before it goes out, so a run that dies mid-send leaves an
 * `uncertain` record rather than a duplicate next time. SMTP settings come from the `env`
 * object passed in, and no credential reaches a result, the ledger or a log line.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import {
  acquireSendLock,
  findEntry,
  ledgerPath,
  readLedger,
  withEntry,
  writeLedger,
  type DeliveryFailure,
  type DeliveryLedger,
  type LedgerEntry,
} from './ledger';
import { contentHash, headerValue, prepareForDelivery } from './raw-message';
import { classifySmtpError, isConnectionFailure } from './smtp-errors';
import {
  maskSecrets,
  parseSingleAddress,
  readSmtpSettings,
  type MailEnv,
  type SmtpSettings,
} from './smtp-settings';

/** One sponsor's summary to deliver. */
export interface OutgoingMessage {
  /** The sponsor's name, as shown to people. */
  sponsor: string;
  /** The sponsor's file-name slug (`sponsors/<slug>.eml`): the ledger's key with the recipient. */
  slug: string;
  /** The sponsor's email; empty or missing means no known email. */
  to?: string | null;
  /** The rendered RFC 822 message: a path to the `.eml`, or its bytes. */
  emlPath?: string;
  raw?: Buffer | string;
}

/** How transient failures are retried within one run. */
export interface RetryPolicy {
  /** Attempts per message, the first included. */
  attempts: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  initialDelayMs: 2000,
  factor: 2,
  maxDelayMs: 30000,
};

export interface DeliverOptions {
  /** The report folder (`--out`); the ledger lives in `<outDir>/<quarter>/`. */
  outDir: string;
  /** `YYYY-Qn` */
  quarter: string;
  messages: readonly OutgoingMessage[];
  /** Where SMTP_URL, MAIL_FROM, SMTP_USER and SMTP_PASS are read from (the CLI passes process.env). */
  env: MailEnv;
  /** Send again even what the ledger says was delivered (and what is uncertain). */
  force?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Waits between retries; tests pass one that records the delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock for the ledger's timestamps and a missing Date header. */
  now?: () => Date;
  /** SMTP connection, greeting and socket timeouts (default 30 s each), so nothing hangs. */
  timeoutMs?: number;
  /** Called after each sponsor's outcome is settled and recorded, for progress lines. */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

export type DeliveryStatus = 'sent' | 'already-delivered' | 'failed' | 'no-email' | 'uncertain';

export interface DeliveryOutcome {
  sponsor: string;
  slug: string;
  to: string | null;
  status: DeliveryStatus;
  /** SMTP attempts made in this run. */
  attempts: number;
  failure?: DeliveryFailure;
  /** For `already-delivered`: the summary now differs from the one delivered. */
  changedSinceDelivery?: boolean;
  messageId?: string;
}

export interface DeliveryResult {
  quarter: string;
  ledgerFile: string;
  /** The server as safe to print (`smtp://host:port`). */
  server: string;
  outcomes: DeliveryOutcome[];
  counts: Record<DeliveryStatus, number>;
  /**
   * Summaries that have not reached their sponsor (failed, no email, uncertain); the CLI exits
   * 4 when this is not 0.
   */
  undelivered: number;
}

/**
 * Sends every summary that the ledger does not already show as delivered and returns what
 * happened to each. Throws `MailConfigError` for missing or bad SMTP settings and
 * `LedgerError` when the ledger is damaged or another run holds the lock; nothing is sent then.
 */
export async function deliverSummaries(options: DeliverOptions): Promise<DeliveryResult> {
  const settings = readSmtpSettings(options.env);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => new Date());
  const quarterDir = join(options.outDir, options.quarter);
  const file = ledgerPath(quarterDir);

  const release = await acquireSendLock(quarterDir);
  const transporter = createTransporter(settings, options.timeoutMs ?? 30000);
  const outcomes: DeliveryOutcome[] = [];
  try {
    let ledger = await readLedger(file, options.quarter);
    const record = async (entry: LedgerEntry): Promise<void> => {
      ledger = withEntry(ledger, entry);
      await writeLedger(file, ledger);
    };
    let unreachable: DeliveryFailure | null = null;

    for (const message of options.messages) {
      const outcome = await deliverOne(message, {
        quarter: options.quarter,
        ledger: () => ledger,
        record,
        settings,
        force: options.force === true,
        unreachable,
        attemptSend: (raw, to) => sendWithRetry(transporter, settings, raw, to, retry, sleep),
        now,
      });
      if (
        outcome.failure !== undefined &&
        outcome.attempts > 0 &&
        isConnectionFailure(outcome.failure)
      ) {
        unreachable = outcome.failure;
      }
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    }
  } finally {
    transporter.close();
    await release();
  }
  return summarise(options.quarter, file, settings.server, outcomes);
}

interface DeliverContext {
  quarter: string;
  ledger: () => DeliveryLedger;
  record: (entry: LedgerEntry) => Promise<void>;
  settings: SmtpSettings;
  force: boolean;
  /** Set once the server proved unreachable in this run: the rest are not attempted. */
  unreachable: DeliveryFailure | null;
  attemptSend: (raw: Buffer, to: string) => Promise<SendAttempt>;
  now: () => Date;
}

/** Returns the outcome for one sponsor, after recording it in the ledger. */
async function deliverOne(
  message: OutgoingMessage,
  context: DeliverContext,
): Promise<DeliveryOutcome> {
  const { quarter, settings } = context;
  const toText = (message.to ?? '').trim();
  const base = { sponsor: message.sponsor, slug: message.slug };

  if (toText === '') {
    const previous = findEntry(context.ledger(), { quarter, slug: message.slug, to: null });
    await context.record({
      ...previous,
      ...base,
      quarter,
      to: null,
      contentHash: null,
      state: 'no-email',
      attempts: previous?.attempts ?? 0,
      lastAttemptAt: context.now().toISOString(),
    });
    return { ...base, to: null, status: 'no-email', attempts: 0 };
  }

  const key = { quarter, slug: message.slug, to: toText };
  const previous = findEntry(context.ledger(), key);
  const failed = async (failure: DeliveryFailure, hash: string | null, attempts: number) => {
    const at = context.now().toISOString();
    await context.record({
      ...previous,
      ...base,
      quarter,
      to: toText,
      contentHash: hash,
      state: 'failed',
      attempts: (previous?.attempts ?? 0) + attempts,
      firstAttemptAt: previous?.firstAttemptAt ?? at,
      lastAttemptAt: at,
      failure,
    });
    return { ...base, to: toText, status: 'failed' as const, attempts, failure };
  };

  const recipient = parseSingleAddress(toText);
  if (recipient === null) {
    return failed(
      {
        kind: 'permanent',
        code: 'EADDRESS',
        message: `"${toText}" is not one valid email address; correct the sponsor's email in the Leadership sheet.`,
      },
      null,
      0,
    );
  }
  if (recipient.name === '') recipient.name = message.sponsor;

  let raw: Buffer;
  try {
    raw = await loadMessage(message);
  } catch (error) {
    return failed({ kind: 'permanent', code: 'EREAD', message: (error as Error).message }, null, 0);
  }
  const hash = contentHash(raw);

  if (previous !== undefined && !context.force) {
    if (previous.state === 'delivered') {
      return {
        ...base,
        to: toText,
        status: 'already-delivered',
        attempts: 0,
        changedSinceDelivery: previous.contentHash !== hash,
        ...(previous.messageId === undefined ? {} : { messageId: previous.messageId }),
      };
    }
    if (previous.state === 'sending') {
      return {
        ...base,
        to: toText,
        status: 'uncertain',
        attempts: 0,
        failure: {
          kind: 'transient',
          message:
            'an earlier run stopped while sending this summary, so it may have arrived; check with the sponsor and resend with --resend if it did not.',
        },
      };
    }
  }

  if (context.unreachable !== null) {
    return failed(
      {
        ...context.unreachable,
        message: `not attempted: ${settings.server} was unreachable (${context.unreachable.message}).`,
      },
      hash,
      0,
    );
  }

  const prepared = prepareForDelivery(raw, {
    from: settings.from,
    to: recipient,
    date: context.now(),
  });
  const messageId = headerValue(prepared, 'message-id') ?? undefined;
  const startedAt = context.now().toISOString();
  await context.record({
    ...previous,
    ...base,
    quarter,
    to: toText,
    contentHash: hash,
    state: 'sending',
    attempts: previous?.attempts ?? 0,
    firstAttemptAt: previous?.firstAttemptAt ?? startedAt,
    lastAttemptAt: startedAt,
    failure: undefined,
  });

  const attempt = await context.attemptSend(prepared, recipient.address);
  if (attempt.failure !== undefined) return failed(attempt.failure, hash, attempt.attempts);

  const deliveredAt = context.now().toISOString();
  await context.record({
    ...previous,
    ...base,
    quarter,
    to: toText,
    contentHash: hash,
    state: 'delivered',
    attempts: (previous?.attempts ?? 0) + attempt.attempts,
    firstAttemptAt: previous?.firstAttemptAt ?? startedAt,
    lastAttemptAt: deliveredAt,
    deliveredAt,
    smtpResponse: maskSecrets(attempt.response, settings.secrets),
    ...(messageId === undefined ? {} : { messageId }),
    failure: undefined,
  });
  return {
    ...base,
    to: toText,
    status: 'sent',
    attempts: attempt.attempts,
    ...(messageId === undefined ? {} : { messageId }),
  };
}

/** Returns the message's bytes from `raw` or `emlPath`; throws an Error naming the file. */
async function loadMessage(message: OutgoingMessage): Promise<Buffer> {
  if (message.raw !== undefined) {
    return typeof message.raw === 'string' ? Buffer.from(message.raw, 'utf8') : message.raw;
  }
  if (message.emlPath === undefined) {
    throw new Error(`no message was rendered for sponsor ${message.sponsor}.`);
  }
  try {
    return await readFile(message.emlPath);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'it does not exist'
        : (error as Error).message;
    throw new Error(`cannot read ${message.emlPath}: ${reason}.`, { cause: error });
  }
}

interface SendAttempt {
  attempts: number;
  response: string;
  failure?: DeliveryFailure;
}

type Transporter = ReturnType<typeof createTransporter>;

function createTransporter(settings: SmtpSettings, timeoutMs: number) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ignoreTLS: settings.ignoreTLS,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    ...(settings.auth === undefined ? {} : { auth: settings.auth }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
}

/** Returns the result of sending `raw` to `to`, retrying transient failures with backoff. */
async function sendWithRetry(
  transporter: Transporter,
  settings: SmtpSettings,
  raw: Buffer,
  to: string,
  retry: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
): Promise<SendAttempt> {
  let delay = retry.initialDelayMs;
  let failure: DeliveryFailure | undefined;
  const attempts = Math.max(1, Math.floor(retry.attempts));
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const info = await transporter.sendMail({
        envelope: { from: settings.from.address, to: [to] },
        raw,
      });
      const rejected = (info.rejected ?? []).map(String);
      if (rejected.length === 0)
        return { attempts: attempt, response: String(info.response ?? '') };
      const [firstRejection] = (info as { rejectedErrors?: unknown[] }).rejectedErrors ?? [];
      failure = classifySmtpError(
        firstRejection ?? new Error(`rejected ${rejected.join(', ')}`),
        settings.secrets,
      );
    } catch (error) {
      failure = classifySmtpError(error, settings.secrets);
    }
    if (failure.kind === 'permanent' || attempt === attempts) {
      return { attempts: attempt, response: '', failure };
    }
    await sleep(delay);
    delay = Math.min(retry.maxDelayMs, delay * retry.factor);
  }
  throw new Error('unreachable: the retry loop always returns');
}

function summarise(
  quarter: string,
  ledgerFile: string,
  server: string,
  outcomes: DeliveryOutcome[],
): DeliveryResult {
  const counts: Record<DeliveryStatus, number> = {
    sent: 0,
    'already-delivered': 0,
    failed: 0,
    'no-email': 0,
    uncertain: 0,
  };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return {
    quarter,
    ledgerFile,
    server,
    outcomes,
    counts,
    undelivered: outcomes.filter(isUndelivered).length,
  };
}

/** Returns whether the outcome leaves a sponsor without this quarter's summary. */
export function isUndelivered(outcome: DeliveryOutcome): boolean {
  return outcome.status !== 'sent' && outcome.status !== 'already-delivered';
}

/** Returns one plain line saying what happened to one sponsor's summary. */
export function describeOutcome(outcome: DeliveryOutcome): string {
  const who = outcome.to === null ? outcome.sponsor : `${outcome.sponsor} <${outcome.to}>`;
  switch (outcome.status) {
    case 'sent':
      return `mail: sent to ${who}`;
    case 'already-delivered':
      return outcome.changedSinceDelivery
        ? `mail: ${who} already has this quarter's summary (it has changed since; --resend sends the new one)`
        : `mail: ${who} already has this quarter's summary; not sent again`;
    case 'no-email':
      return `mail: NOT SENT to ${who}: no email address is known (add it to the Leadership sheet)`;
    case 'uncertain':
      return `mail: NOT SENT to ${who}: ${outcome.failure?.message ?? 'delivery is uncertain'}`;
    case 'failed': {
      const failure = outcome.failure;
      const code = failure?.responseCode ?? failure?.code;
      return `mail: FAILED for ${who} (${failure?.kind ?? 'permanent'}${code === undefined ? '' : `, ${code}`}): ${failure?.message ?? ''}`;
    }
  }
}

/** Returns the closing line: counts by outcome, the server and the ledger. */
export function describeTotals(result: DeliveryResult): string {
  const { counts } = result;
  return (
    `mail via ${result.server}: ${counts.sent} sent, ${counts['already-delivered']} already delivered, ` +
    `${counts.failed} failed, ${counts['no-email']} without email, ${counts.uncertain} uncertain ` +
    `(ledger ${result.ledgerFile})`
  );
}
