/**
 * The bridge between a finished audit and mail delivery, for `raci-audit --send`: turns the
 * report's sponsors into outgoing messages (their rendered `sponsors/<slug>.eml`), delivers
 * them with `deliverSummaries`, and reports each outcome as it is settled through the callback
 * the CLI gives, so the CLI only adds its flags and maps `undelivered` to exit code 4. The group of items
 * without any sponsor has nobody to mail; it is listed, never counted as undelivered.
 * Configuration and ledger problems are reported here and returned, never thrown.
 */
import { join } from 'node:path';
import {
  deliverSummaries,
  describeOutcome,
  describeTotals,
  isUndelivered,
  type OutgoingMessage,
} from './deliver';
import { LedgerError } from './ledger';
import { MailConfigError, type MailEnv } from './smtp-settings';

/** The fields of a report sponsor that mailing needs (report.json's `sponsors`). */
export interface MailableSponsor {
  name: string;
  email?: string;
  slug: string;
  unassigned?: boolean;
}

export interface SendReportOptions {
  /** The `--out` folder and the quarter audited; summaries are in `<outDir>/<quarter>/sponsors/`. */
  outDir: string;
  quarter: string;
  sponsors: readonly MailableSponsor[];
  env: MailEnv;
  /** `--resend`: mail again those already delivered. */
  force: boolean;
  /** Receives one line per sponsor and a total; `problem` lines must be shown even with --quiet. */
  report: (line: string, problem: boolean) => void;
  /** For tests: retry waits. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SendReportOutcome {
  /** Summaries not delivered to a sponsor (failed, no email, uncertain, or not attempted). */
  undelivered: number;
  /** SMTP_URL / MAIL_FROM missing or invalid: a configuration error (exit 2). */
  configError: boolean;
}

/** Returns the messages to send for the report's sponsors (the no-sponsor group excluded). */
export function sponsorMessages(
  outDir: string,
  quarter: string,
  sponsors: readonly MailableSponsor[],
): OutgoingMessage[] {
  return sponsors
    .filter((sponsor) => !sponsor.unassigned)
    .map((sponsor) => ({
      sponsor: sponsor.name,
      slug: sponsor.slug,
      to: sponsor.email ?? null,
      emlPath: join(outDir, quarter, 'sponsors', `${sponsor.slug}.eml`),
    }));
}

/** Delivers the report's sponsor summaries and returns how many did not reach their sponsor. */
export async function sendReportMail(options: SendReportOptions): Promise<SendReportOutcome> {
  const messages = sponsorMessages(options.outDir, options.quarter, options.sponsors);
  for (const sponsor of options.sponsors.filter((s) => s.unassigned)) {
    options.report(
      `mail: sponsors/${sponsor.slug}.eml (items without an LT sponsor) has no recipient; not sent`,
      false,
    );
  }
  try {
    const result = await deliverSummaries({
      outDir: options.outDir,
      quarter: options.quarter,
      messages,
      env: options.env,
      force: options.force,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      onOutcome: (outcome) => options.report(describeOutcome(outcome), isUndelivered(outcome)),
    });
    options.report(describeTotals(result), result.undelivered > 0);
    return { undelivered: result.undelivered, configError: false };
  } catch (error) {
    if (error instanceof MailConfigError) {
      options.report(`raci-audit: --send: ${error.message} No mail was sent.`, true);
      return { undelivered: messages.length, configError: true };
    }
    if (error instanceof LedgerError) {
      options.report(`raci-audit: --send: ${error.message} No mail was sent.`, true);
      return { undelivered: messages.length, configError: false };
    }
    throw error;
  }
}
