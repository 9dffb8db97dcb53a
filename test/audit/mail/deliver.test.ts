/**
 * Delivery against a real SMTP server on loopback: what the server receives is parsed with
 * mailparser and the attachment opened with exceljs. Covers exactly-once across runs, a
 * recipient refused for good (550) or for now (451), the server down, forced resends, runs that
 * stopped mid-send, sponsors without email, and credentials never leaking into results or the
 * ledger.
 */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  deliverSummaries,
  describeOutcome,
  describeTotals,
  type DeliverOptions,
  type OutgoingMessage,
} from '../../../audit/mail/deliver';
import { LedgerError, LOCK_FILE, type DeliveryLedger } from '../../../audit/mail/ledger';
import { MailConfigError } from '../../../audit/mail/smtp-settings';
import { buildSummaryMessage, FINDINGS_SHEET, type SummaryInput } from './support/summary-message';
import { closedPort, startSmtpServer, type TestSmtpServer } from './support/smtp-test-server';

const QUARTER = '2026-Q3';
const FROM = 'RACI Guard <governance@example.org>';

const SPONSORS: (SummaryInput & { slug: string; to: string | null })[] = [
  {
    sponsor: 'Ada Lovelace',
    slug: 'ada-lovelace',
    to: 'ada@example.org',
    quarter: QUARTER,
    compliance: 0.5,
    findings: [
      { rule: 'matrix/no-accountable', item: 'Incident Management', message: 'No A on row 5.' },
      { rule: 'review/overdue', item: 'Change Enablement', message: 'Review 40 days overdue.' },
    ],
  },
  {
    sponsor: 'Brian Kernighan',
    slug: 'brian-kernighan',
    to: 'brian@example.org',
    quarter: QUARTER,
    compliance: 1,
    findings: [],
  },
  {
    sponsor: 'Grace Hopper',
    slug: 'grace-hopper',
    to: null,
    quarter: QUARTER,
    compliance: 0.25,
    findings: [{ rule: 'register/no-owner', item: 'Problem Management', message: 'No owner.' }],
  },
];

let outDir: string;
let server: TestSmtpServer | null;
let sleeps: number[];

beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'raci-mail-'));
  server = await startSmtpServer();
  sleeps = [];
});

afterEach(async () => {
  await server?.close();
  server = null;
  await rm(outDir, { recursive: true, force: true });
});

/** Returns the outgoing messages for SPONSORS, rendered as .eml files under the quarter folder. */
async function renderMessages(sponsors = SPONSORS): Promise<OutgoingMessage[]> {
  const folder = join(outDir, QUARTER, 'sponsors');
  await mkdir(folder, { recursive: true });
  const messages: OutgoingMessage[] = [];
  for (const input of sponsors) {
    const emlPath = join(folder, `${input.slug}.eml`);
    await writeFile(emlPath, await buildSummaryMessage(input));
    messages.push({ sponsor: input.sponsor, slug: input.slug, to: input.to, emlPath });
  }
  return messages;
}

function options(
  messages: OutgoingMessage[],
  overrides: Partial<DeliverOptions> = {},
): DeliverOptions {
  return {
    outDir,
    quarter: QUARTER,
    messages,
    env: { SMTP_URL: server?.url() ?? '', MAIL_FROM: FROM },
    retry: { attempts: 3, initialDelayMs: 100, factor: 2, maxDelayMs: 1000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => new Date(Date.UTC(2026, 9, 1, 6, 0, 0)),
    timeoutMs: 5000,
    ...overrides,
  };
}

async function readLedgerFile(): Promise<DeliveryLedger> {
  return JSON.parse(await readFile(join(outDir, QUARTER, 'delivery-ledger.json'), 'utf8'));
}

function statusOf(result: { outcomes: { slug: string; status: string }[] }) {
  return Object.fromEntries(result.outcomes.map((outcome) => [outcome.slug, outcome.status]));
}

describe('deliverSummaries against a real SMTP server', () => {
  it('sends one message per sponsor with an email: recipient, subject, text, HTML and a readable .xlsx', async () => {
    const result = await deliverSummaries(options(await renderMessages()));

    expect(statusOf(result)).toEqual({
      'ada-lovelace': 'sent',
      'brian-kernighan': 'sent',
      'grace-hopper': 'no-email',
    });
    expect(server!.received.map((message) => message.to)).toEqual([
      ['ada@example.org'],
      ['brian@example.org'],
    ]);
    for (const [index, input] of SPONSORS.slice(0, 2).entries()) {
      const received = server!.received[index];
      expect(received.from).toBe('governance@example.org');
      const mail = await server!.parsed(index);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
        { name: input.sponsor, address: input.to },
      ]);
      expect(mail.from?.value).toEqual([{ name: 'RACI Guard', address: 'governance@example.org' }]);
      expect(mail.subject).toContain(QUARTER);
      expect(mail.subject).toContain(`${Math.round(input.compliance * 100)}%`);
      expect(mail.text).toContain(`${Math.round(input.compliance * 100)}% compliant`);
      expect(mail.html).toContain(`<b>${Math.round(input.compliance * 100)}%</b>`);
      expect(mail.messageId).toMatch(/@/);
      expect(mail.attachments).toHaveLength(1);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(mail.attachments[0].content as unknown as ArrayBuffer);
      const rows = workbook
        .getWorksheet(FINDINGS_SHEET)!
        .getSheetValues()
        .filter((row) => row !== undefined)
        .map((row) => (row as unknown[]).slice(1));
      expect(rows).toEqual([
        ['Rule', 'Item', 'Message'],
        ...input.findings.map((finding) => [finding.rule, finding.item, finding.message]),
      ]);
    }

    // Grace has no email: listed in the result, the lines and the ledger; the run exits 4.
    expect(result.undelivered).toBeGreaterThan(0);
    expect(describeOutcome(result.outcomes[2])).toMatch(/NOT SENT to Grace Hopper: no email/);
    expect(describeTotals(result)).toMatch(
      /2 sent, 0 already delivered, 0 failed, 1 without email/,
    );
    const ledger = await readLedgerFile();
    expect(
      ledger.entries.map((entry) => [entry.slug, entry.to, entry.state, entry.attempts]),
    ).toEqual([
      ['ada-lovelace', 'ada@example.org', 'delivered', 1],
      ['brian-kernighan', 'brian@example.org', 'delivered', 1],
      ['grace-hopper', null, 'no-email', 0],
    ]);
    expect(await readdir(join(outDir, QUARTER))).toEqual(['delivery-ledger.json', 'sponsors']);
  });

  it('sends nothing on a second run, and exits 0 when every sponsor had an email', async () => {
    const messages = await renderMessages(SPONSORS.slice(0, 2));
    const first = await deliverSummaries(options(messages));
    expect(first.undelivered).toBe(0);
    // The audit renders the summaries again (new boundaries, Date and Message-ID): same content.
    const second = await deliverSummaries(options(await renderMessages(SPONSORS.slice(0, 2))));

    expect(server!.received).toHaveLength(2);
    expect(statusOf(second)).toEqual({
      'ada-lovelace': 'already-delivered',
      'brian-kernighan': 'already-delivered',
    });
    expect(second.outcomes.every((outcome) => outcome.changedSinceDelivery === false)).toBe(true);
    expect(second.undelivered).toBe(0);
  });

  it('reports a summary that changed since it was delivered, without sending it again', async () => {
    await deliverSummaries(options(await renderMessages(SPONSORS.slice(0, 1))));
    const changed = [{ ...SPONSORS[0], compliance: 1, findings: [] }];
    const second = await deliverSummaries(options(await renderMessages(changed)));

    expect(server!.received).toHaveLength(1);
    expect(second.outcomes[0]).toMatchObject({
      status: 'already-delivered',
      changedSinceDelivery: true,
    });
    expect(describeOutcome(second.outcomes[0])).toMatch(/changed since; --resend/);
  });

  it('reports a recipient refused with 550 without retrying, exits 4, and a rerun delivers only that one', async () => {
    server!.refuse('brian@example.org', 550);
    const messages = await renderMessages(SPONSORS.slice(0, 2));
    const first = await deliverSummaries(options(messages));

    expect(statusOf(first)).toEqual({ 'ada-lovelace': 'sent', 'brian-kernighan': 'failed' });
    expect(first.outcomes[1]).toMatchObject({
      attempts: 1,
      failure: { kind: 'permanent', responseCode: 550 },
    });
    expect(sleeps).toEqual([]);
    expect(first.undelivered).toBeGreaterThan(0);
    expect(describeOutcome(first.outcomes[1])).toMatch(
      /FAILED for Brian Kernighan .*permanent, 550/,
    );
    const failedEntry = (await readLedgerFile()).entries.find((e) => e.slug === 'brian-kernighan');
    expect(failedEntry).toMatchObject({
      state: 'failed',
      failure: { kind: 'permanent', responseCode: 550 },
    });

    server!.accept('brian@example.org');
    const second = await deliverSummaries(options(messages));

    expect(statusOf(second)).toEqual({
      'ada-lovelace': 'already-delivered',
      'brian-kernighan': 'sent',
    });
    expect(server!.received.map((message) => message.to)).toEqual([
      ['ada@example.org'],
      ['brian@example.org'],
    ]);
    expect(second.undelivered).toBe(0);
    const entry = (await readLedgerFile()).entries.find((e) => e.slug === 'brian-kernighan');
    expect(entry).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(entry?.failure).toBeUndefined();
  });

  it('retries a 451 with exponential backoff and delivers when the server relents', async () => {
    server!.refuse('ada@example.org', 451, 2);
    const result = await deliverSummaries(options(await renderMessages(SPONSORS.slice(0, 1))));

    expect(result.outcomes[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(sleeps).toEqual([100, 200]);
    expect(server!.rcptAttempts.get('ada@example.org')).toBe(3);
    expect(server!.received).toHaveLength(1);
  });

  it('marks a recipient still refused with 451 after every attempt as a transient failure', async () => {
    server!.refuse('ada@example.org', 451);
    const result = await deliverSummaries(
      options(await renderMessages(SPONSORS.slice(0, 1)), {
        retry: { attempts: 4, initialDelayMs: 300, factor: 3, maxDelayMs: 1000 },
      }),
    );

    expect(result.outcomes[0]).toMatchObject({
      status: 'failed',
      attempts: 4,
      failure: { kind: 'transient', responseCode: 451 },
    });
    expect(sleeps).toEqual([300, 900, 1000]);
    expect(result.undelivered).toBeGreaterThan(0);
  });

  it('marks nothing delivered while the server is down, and delivers everything once it is back', async () => {
    const port = await closedPort();
    await server!.close();
    server = null;
    const messages = await renderMessages(SPONSORS.slice(0, 2));
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: FROM };
    const down = await deliverSummaries(options(messages, { env }));

    expect(statusOf(down)).toEqual({ 'ada-lovelace': 'failed', 'brian-kernighan': 'failed' });
    expect(down.outcomes.map((outcome) => outcome.failure?.kind)).toEqual([
      'transient',
      'transient',
    ]);
    // The first message is retried; the rest are not attempted against a dead server.
    expect(down.outcomes.map((outcome) => outcome.attempts)).toEqual([3, 0]);
    expect(sleeps).toEqual([100, 200]);
    expect(down.outcomes[1].failure?.message).toMatch(
      /^not attempted: smtp:\/\/127\.0\.0\.1:\d+ was unreachable/,
    );
    expect(down.undelivered).toBeGreaterThan(0);
    const ledger = await readLedgerFile();
    expect(ledger.entries.map((entry) => entry.state)).toEqual(['failed', 'failed']);

    server = await startSmtpServer({ port });
    const back = await deliverSummaries(options(messages, { env }));
    expect(statusOf(back)).toEqual({ 'ada-lovelace': 'sent', 'brian-kernighan': 'sent' });
    expect(server.received).toHaveLength(2);
  });

  it('sends again only when forced', async () => {
    const messages = await renderMessages(SPONSORS.slice(0, 2));
    await deliverSummaries(options(messages));
    const forced = await deliverSummaries(options(messages, { force: true }));

    expect(statusOf(forced)).toEqual({ 'ada-lovelace': 'sent', 'brian-kernighan': 'sent' });
    expect(server!.received).toHaveLength(4);
    const ledger = await readLedgerFile();
    expect(ledger.entries.map((entry) => entry.attempts)).toEqual([2, 2]);
  });

  it('does not resend a summary an earlier run was sending when it stopped, unless forced', async () => {
    const messages = await renderMessages(SPONSORS.slice(0, 1));
    await deliverSummaries(options(messages));
    const file = join(outDir, QUARTER, 'delivery-ledger.json');
    const ledger = await readLedgerFile();
    ledger.entries[0].state = 'sending';
    await writeFile(file, JSON.stringify(ledger));

    const after = await deliverSummaries(options(messages));
    expect(after.outcomes[0].status).toBe('uncertain');
    expect(server!.received).toHaveLength(1);
    expect(after.undelivered).toBeGreaterThan(0);
    expect(describeOutcome(after.outcomes[0])).toMatch(/may have arrived/);

    const forced = await deliverSummaries(options(messages, { force: true }));
    expect(forced.outcomes[0].status).toBe('sent');
    expect(server!.received).toHaveLength(2);
  });

  it('sets From to MAIL_FROM and To to the sponsor, drops Cc and Bcc, and keeps the body byte for byte', async () => {
    const raw = Buffer.from(
      [
        'From: someone@else.example',
        'To: wrong@else.example',
        'Cc: copy@else.example',
        'Bcc: hidden@else.example',
        'Subject: RACI compliance 2026-Q3: 50% compliant',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Body line one.',
        'Body line two.',
        '',
      ].join('\r\n'),
    );
    await deliverSummaries(
      options([{ sponsor: 'José Núñez', slug: 'jose-nunez', to: 'jose@example.org', raw }]),
    );

    const received = server!.received[0];
    expect(received.to).toEqual(['jose@example.org']);
    const mail = await server!.parsed(0);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
      { name: 'José Núñez', address: 'jose@example.org' },
    ]);
    expect(mail.cc).toBeUndefined();
    expect(mail.bcc).toBeUndefined();
    expect(mail.date?.toISOString()).toBe('2026-10-01T06:00:00.000Z');
    expect(received.raw.toString('latin1')).toContain(
      '\r\n\r\nBody line one.\r\nBody line two.\r\n',
    );
    expect(received.raw.toString('latin1')).not.toMatch(/else\.example/);
  });

  it('records a bad address or a missing .eml as a failure without contacting the server', async () => {
    const result = await deliverSummaries(
      options([
        { sponsor: 'Typo', slug: 'typo', to: 'typo.example.org', raw: 'Subject: x\r\n\r\nx' },
        {
          sponsor: 'Missing',
          slug: 'missing',
          to: 'm@example.org',
          emlPath: join(outDir, 'none.eml'),
        },
      ]),
    );

    expect(result.outcomes.map((o) => [o.status, o.failure?.kind, o.failure?.code])).toEqual([
      ['failed', 'permanent', 'EADDRESS'],
      ['failed', 'permanent', 'EREAD'],
    ]);
    expect(result.outcomes[1].failure?.message).toContain('none.eml');
    expect(server!.rcptAttempts.size).toBe(0);
  });

  it('authenticates with credentials from SMTP_URL or SMTP_USER/SMTP_PASS and never shows them', async () => {
    await server!.close();
    const credentials = { user: 'mailer@example.org', pass: 's3cr3t-Pa55!' };
    server = await startSmtpServer({ auth: credentials });
    const messages = await renderMessages(SPONSORS.slice(0, 1));

    const wrong = await deliverSummaries(
      options(messages, {
        env: {
          SMTP_URL: server.url({ user: credentials.user, pass: 'wrong-password' }),
          MAIL_FROM: FROM,
        },
      }),
    );
    expect(wrong.outcomes[0]).toMatchObject({
      status: 'failed',
      failure: { kind: 'permanent', responseCode: 535 },
    });

    const viaUser = await deliverSummaries(
      options(messages, {
        env: {
          SMTP_URL: server.url(),
          SMTP_USER: credentials.user,
          SMTP_PASS: credentials.pass,
          MAIL_FROM: FROM,
        },
      }),
    );
    expect(viaUser.outcomes[0].status).toBe('sent');

    const viaUrl = await deliverSummaries(
      options(messages, {
        env: { SMTP_URL: server.url(credentials), MAIL_FROM: FROM },
        force: true,
      }),
    );
    expect(viaUrl.outcomes[0].status).toBe('sent');
    expect(server.received).toHaveLength(2);

    const shown = [
      JSON.stringify([wrong, viaUser, viaUrl]),
      ...[wrong, viaUser, viaUrl].flatMap((r) => [
        ...r.outcomes.map(describeOutcome),
        describeTotals(r),
      ]),
      await readFile(join(outDir, QUARTER, 'delivery-ledger.json'), 'utf8'),
    ].join('\n');
    for (const secret of ['s3cr3t', 'wrong-password', encodeURIComponent(credentials.user)]) {
      expect(shown).not.toContain(secret);
    }
    expect(viaUrl.server).toBe(`smtp://127.0.0.1:${server.port}`);
  });

  it('refuses to start without SMTP_URL or MAIL_FROM, and sends nothing', async () => {
    const messages = await renderMessages(SPONSORS.slice(0, 1));
    await expect(
      deliverSummaries(options(messages, { env: { MAIL_FROM: FROM } })),
    ).rejects.toMatchObject({ name: 'MailConfigError', variable: 'SMTP_URL' });
    await expect(
      deliverSummaries(options(messages, { env: { SMTP_URL: server!.url() } })),
    ).rejects.toBeInstanceOf(MailConfigError);
    expect(server!.rcptAttempts.size).toBe(0);
  });

  it('refuses to send when the ledger is damaged or another run holds the lock', async () => {
    const messages = await renderMessages(SPONSORS.slice(0, 1));
    const file = join(outDir, QUARTER, 'delivery-ledger.json');
    await writeFile(file, '{"schemaVersion": 1, "quarter": "2026-Q3", "entries": [');
    await expect(deliverSummaries(options(messages))).rejects.toBeInstanceOf(LedgerError);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, quarter: '2026-Q2', entries: [] }));
    await expect(deliverSummaries(options(messages))).rejects.toThrow(/belongs to quarter 2026-Q2/);
    await rm(file);

    const lock = join(outDir, QUARTER, LOCK_FILE);
    await writeFile(lock, `${process.pid}\n`);
    await expect(deliverSummaries(options(messages))).rejects.toThrow(/another raci-audit --send/);
    expect(server!.rcptAttempts.size).toBe(0);

    // A lock left by a process that is gone is taken over.
    await writeFile(lock, '2147483646\n');
    const result = await deliverSummaries(options(messages));
    expect(result.outcomes[0].status).toBe('sent');
    expect(await readdir(join(outDir, QUARTER))).not.toContain(LOCK_FILE);
  });
});
