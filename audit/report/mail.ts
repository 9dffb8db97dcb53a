/**
 * The sponsor's summary as a ready-to-send message (.eml, RFC 5322 via nodemailer's
 * MailComposer): an HTML part, a plain-text part and their findings workbook attached.
 * Sending it over SMTP (`--send`) is a separate issue; this only composes. A sponsor with no
 * known email gets a message with no To: header, which the CLI lists so nobody is skipped.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ReportJson, ReportSponsor } from './model';
import { renderSummaryHtml } from './html';
import { summariseSponsor, summarySubject } from './summary';
import { renderSummaryText } from './text';

export interface MailOptions {
  /** The From address, e.g. `RACI Guard <raci-guard@example.org>`. */
  from: string;
  /** The sponsor's findings workbook (renderSponsorWorkbook). */
  attachment: Buffer;
}

/** Returns the bytes of the sponsor's summary message, ready to send. */
export async function composeSponsorMail(
  report: ReportJson,
  sponsor: ReportSponsor,
  options: MailOptions,
): Promise<Buffer> {
  const summary = summariseSponsor(report, sponsor);
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'raci-guard.invalid';
  const mail = new MailComposer({
    from: options.from,
    ...(sponsor.email ? { to: { name: sponsor.name, address: sponsor.email } } : {}),
    subject: summarySubject(summary),
    text: renderSummaryText(summary),
    html: renderSummaryHtml(summary),
    date: new Date(`${report.asOf}T12:00:00Z`),
    messageId: `<raci-audit.${report.quarter}.${sponsor.slug}@${domain}>`,
    headers: { 'X-RACI-Audit-Quarter': report.quarter },
    attachments: [
      {
        filename: `findings-${sponsor.slug}-${report.quarter}.xlsx`,
        content: options.attachment,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  });
  return mail.compile().build();
}
