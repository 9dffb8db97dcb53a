/**
 * Delivers the summaries the audit itself renders (runAudit on the bundled example workbooks
 * writes `sponsors/<slug>.eml`) to a real SMTP server on loopback: each sponsor with an email
 * gets exactly one message, addressed to them, whose subject names the quarter and their
 * compliance, with text, HTML and a findings workbook exceljs can open; sponsors without an
 * email are reported. Rendering the same audit again and sending again delivers nothing new.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { deliverSummaries, type OutgoingMessage } from '../../../audit/mail/deliver';
import { sendReportMail } from '../../../audit/mail/send-report';
import { readWorkbook } from '../../../audit/read/xlsx';
import { runAudit, type AuditOutcome } from '../../../audit/run-audit';
import { startSmtpServer, type TestSmtpServer } from './support/smtp-test-server';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const QUARTER = '2026-Q3';
const FROM = 'RACI Guard <governance@example.org>';

let outDir: string;
let server: TestSmtpServer;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'raci-audit-mail-'));
  server = await startSmtpServer();
});

afterAll(async () => {
  await server.close();
  await rm(outDir, { recursive: true, force: true });
});

async function audit(out = outDir): Promise<AuditOutcome> {
  return runAudit({
    paths: [join(EXAMPLES, 'workbooks')],
    today: '2026-10-01',
    quarter: QUARTER,
    outDir: out,
    leadership: await readWorkbook(join(EXAMPLES, 'leadership.xlsx')),
    mailFrom: FROM,
  });
}

/** Returns one outgoing message per sponsor in the report, from the .eml files it wrote. */
function outgoing(outcome: AuditOutcome): OutgoingMessage[] {
  return outcome.report.sponsors.map((sponsor) => ({
    sponsor: sponsor.name,
    slug: sponsor.slug,
    to: sponsor.email ?? null,
    emlPath: join(outcome.outputDir, 'sponsors', `${sponsor.slug}.eml`),
  }));
}

const env = () => ({ SMTP_URL: server.url(), MAIL_FROM: FROM });

describe("delivering the audit's own sponsor summaries", () => {
  it('sends one well-formed message per sponsor with an email, exactly once', async () => {
    const outcome = await audit();
    const sponsors = outcome.report.sponsors;
    const withEmail = sponsors.filter((sponsor) => sponsor.email);
    expect(withEmail.length).toBeGreaterThan(0);

    const result = await deliverSummaries({
      outDir,
      quarter: QUARTER,
      messages: outgoing(outcome),
      env: env(),
      sleep: async () => undefined,
    });

    expect(result.counts.sent).toBe(withEmail.length);
    expect(result.counts['no-email']).toBe(sponsors.length - withEmail.length);
    expect(result.undelivered).toBe(sponsors.length - withEmail.length);
    expect(server.received.map((message) => message.to)).toEqual(
      withEmail.map((sponsor) => [sponsor.email]),
    );
    for (const [index, sponsor] of withEmail.entries()) {
      const mail = await server.parsed(index);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '').toBe(
        sponsor.email,
      );
      expect(mail.subject).toContain(QUARTER);
      expect(mail.subject).toContain(`(${Math.round(sponsor.compliance * 100)}%)`);
      expect(mail.text).toContain(sponsor.name);
      expect(mail.html).toContain('<');
      const attachments = mail.attachments.filter((a) => a.filename?.endsWith('.xlsx'));
      expect(attachments).toHaveLength(1);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(attachments[0].content as unknown as ArrayBuffer);
      expect(workbook.worksheets.length).toBeGreaterThan(0);
    }

    // The scheduler runs the audit again: identical summaries, nothing sent twice.
    const again = await deliverSummaries({
      outDir,
      quarter: QUARTER,
      messages: outgoing(await audit()),
      env: env(),
      sleep: async () => undefined,
    });
    expect(again.counts.sent).toBe(0);
    expect(again.counts['already-delivered']).toBe(withEmail.length);
    expect(again.outcomes.some((o) => o.changedSinceDelivery === true)).toBe(false);
    expect(server.received).toHaveLength(withEmail.length);
  });

  it('sendReportMail lists every sponsor, leaves the no-sponsor group uncounted, and reports bad settings', async () => {
    const out = await mkdtemp(join(tmpdir(), 'raci-audit-send-'));
    try {
      const { report } = await audit(out);
      const unassigned = report.sponsors.filter((sponsor) => sponsor.unassigned);
      const noEmail = report.sponsors.filter((sponsor) => !sponsor.unassigned && !sponsor.email);
      expect(unassigned).toHaveLength(1);
      expect(noEmail.length).toBeGreaterThan(0);
      const before = server.received.length;

      const unconfigured: [string, boolean][] = [];
      const refused = await sendReportMail({
        outDir: out,
        quarter: QUARTER,
        sponsors: report.sponsors,
        env: { MAIL_FROM: FROM },
        force: false,
        report: (line, problem) => unconfigured.push([line, problem]),
      });
      expect(refused).toEqual({ undelivered: report.sponsors.length - 1, configError: true });
      expect(unconfigured.filter(([, problem]) => problem)).toEqual([
        [expect.stringContaining('SMTP_URL is not set'), true],
      ]);

      const lines: [string, boolean][] = [];
      const sent = await sendReportMail({
        outDir: out,
        quarter: QUARTER,
        sponsors: report.sponsors,
        env: env(),
        force: false,
        report: (line, problem) => lines.push([line, problem]),
        sleep: async () => undefined,
      });
      expect(sent).toEqual({ undelivered: noEmail.length, configError: false });
      expect(server.received.length - before).toBe(
        report.sponsors.length - unassigned.length - noEmail.length,
      );
      // One line per sponsor (the no-sponsor group included) and a total.
      expect(lines).toHaveLength(report.sponsors.length + 1);
      expect(lines[0]).toEqual([expect.stringContaining('no-sponsor.eml'), false]);
      for (const sponsor of noEmail) {
        expect(lines).toContainEqual([
          expect.stringContaining(`NOT SENT to ${sponsor.name}`),
          true,
        ]);
      }
      expect(lines[lines.length - 1]).toEqual([expect.stringMatching(/without email/), true]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
