/**
 * Builds a sponsor summary message the way the audit renders one, for the delivery tests: HTML
 * and plain text naming the quarter and the sponsor's compliance, and the sponsor's findings as
 * a real .xlsx (exceljs) attachment, composed into RFC 822 bytes by nodemailer's MailComposer.
 */
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface SummaryFinding {
  rule: string;
  item: string;
  message: string;
}

export interface SummaryInput {
  sponsor: string;
  quarter: string;
  /** 0 to 1 */
  compliance: number;
  findings: SummaryFinding[];
}

export const FINDINGS_SHEET = 'Findings';

/** Returns the sponsor's findings as .xlsx bytes. */
export async function findingsWorkbook(findings: SummaryFinding[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 9, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(FINDINGS_SHEET);
  sheet.addRow(['Rule', 'Item', 'Message']);
  for (const finding of findings) sheet.addRow([finding.rule, finding.item, finding.message]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Returns the subject line for a summary: it names the quarter and the compliance. */
export function summarySubject(input: SummaryInput): string {
  return `RACI compliance ${input.quarter}: ${Math.round(input.compliance * 100)}% compliant (${input.sponsor})`;
}

/** Returns the summary as RFC 822 bytes (HTML, plain text, findings .xlsx attached). */
export async function buildSummaryMessage(input: SummaryInput, to?: string): Promise<Buffer> {
  const percent = `${Math.round(input.compliance * 100)}%`;
  const composer = new MailComposer({
    from: 'RACI Guard <placeholder@invalid.example>',
    ...(to === undefined ? {} : { to }),
    subject: summarySubject(input),
    text: `${input.sponsor}, your items are ${percent} compliant in ${input.quarter}.\n${input.findings.length} findings are attached.`,
    html: `<p>${input.sponsor}, your items are <b>${percent}</b> compliant in ${input.quarter}.</p>`,
    attachments: [
      {
        filename: `findings-${input.quarter}.xlsx`,
        content: await findingsWorkbook(input.findings),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    ],
  });
  return new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}
