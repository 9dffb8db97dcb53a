/**
 * `raci-audit --send` end to end, in-process (`main(argv, io)`) on the bundled example
 * workbooks, against a real SMTP server on loopback: the audit writes the reports, mails each
 * sponsor with an email once, lists the ones it could not reach, and maps "some mail not
 * delivered" to exit code 4; reruns send nothing new, a refused recipient is retried by the
 * next run, `--resend` forces, and missing SMTP settings are a configuration error (exit 2).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, exitCodeFor } from '../../../audit/cli';
import { runCli } from '../support/run-cli';
import { startSmtpServer, type TestSmtpServer } from './support/smtp-test-server';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const FROM = 'RACI Guard <governance@example.org>';
/** The example sponsors with an email, and the one without (examples/leadership.xlsx). */
const REACHABLE = [
  'dana.whitfield@example.org',
  'ravi.menon@example.org',
  'tom.berger@example.org',
];

let server: TestSmtpServer;
let out: string;

beforeEach(async () => {
  server = await startSmtpServer();
  out = await mkdtemp(join(tmpdir(), 'raci-cli-send-'));
});

afterEach(async () => {
  await server.close();
  await rm(out, { recursive: true, force: true });
});

/** Runs the CLI on the bundled examples for 2026-Q3 into `out`, with `env` as its environment. */
function run(flags: string[], env: Record<string, string | undefined>) {
  const argv = [
    join(EXAMPLES, 'workbooks'),
    '--leadership',
    join(EXAMPLES, 'leadership.xlsx'),
    '--quarter',
    '2026-Q3',
    '--out',
    out,
    ...flags,
  ];
  return runCli(argv, { env });
}

const mailEnv = () => ({ SMTP_URL: server.url(), MAIL_FROM: FROM });
const recipients = () => server.received.flatMap((message) => message.to).sort();

describe('raci-audit --send', () => {
  it('mails each sponsor with an email once, lists the rest, and exits 4 while one has no email', async () => {
    const first = await run(['--send'], mailEnv());
    expect(first.code).toBe(EXIT.mailNotDelivered);
    expect(recipients()).toEqual(REACHABLE);
    expect(first.stderr).toMatch(/mail: sent to Dana Whitfield <dana\.whitfield@example\.org>/);
    expect(first.stderr).toMatch(/mail: NOT SENT to Grace Okafor: no email address is known/);
    expect(first.stderr).toMatch(
      /no-sponsor\.eml \(items without an LT sponsor\) has no recipient/,
    );
    expect(first.stderr).toMatch(/3 sent, 0 already delivered, 0 failed, 1 without email/);
    expect(existsSync(join(out, '2026-Q3', 'delivery-ledger.json'))).toBe(true);

    const second = await run(['--send'], mailEnv());
    expect(second.code).toBe(EXIT.mailNotDelivered);
    expect(server.received).toHaveLength(3);
    expect(second.stderr).toMatch(/0 sent, 3 already delivered/);
  });

  it('retries only the refused recipient on the next run, and --resend mails everyone again', async () => {
    server.refuse('ravi.menon@example.org', 550);
    const refused = await run(['--send', '--quiet'], mailEnv());
    expect(refused.code).toBe(EXIT.mailNotDelivered);
    expect(refused.stderr).toMatch(
      /FAILED for Ravi Menon <ravi\.menon@example\.org> \(permanent, 550\)/,
    );
    expect(refused.stderr).not.toMatch(/mail: sent to/);
    expect(recipients()).toEqual(['dana.whitfield@example.org', 'tom.berger@example.org']);

    server.accept('ravi.menon@example.org');
    await run(['--send'], mailEnv());
    expect(server.received.slice(2).flatMap((message) => message.to)).toEqual([
      'ravi.menon@example.org',
    ]);

    const resent = await run(['--resend'], mailEnv());
    expect(resent.stderr).toMatch(/3 sent, 0 already delivered/);
    expect(server.received).toHaveLength(6);
  });

  it('keeps stdout pure JSON with --json, and sends nothing without --send', async () => {
    const json = await run(['--send', '--json'], mailEnv());
    expect(JSON.parse(json.stdout).quarter).toBe('2026-Q3');
    expect(json.stdout).not.toMatch(/mail:/);

    await rm(out, { recursive: true, force: true });
    const plain = await run([], mailEnv());
    expect(plain.code).toBe(EXIT.ok);
    expect(server.received).toHaveLength(3);
    expect(existsSync(join(out, '2026-Q3', 'delivery-ledger.json'))).toBe(false);
  });

  it('is a configuration error (exit 2) when SMTP_URL is missing, after writing the reports', async () => {
    const result = await run(['--send'], { MAIL_FROM: FROM });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/--send: SMTP_URL is not set.*No mail was sent/);
    expect(existsSync(join(out, '2026-Q3', 'report.json'))).toBe(true);
    expect(server.received).toHaveLength(0);
  });

  it('ranks exit 4 below 2 and 3 and above 1', () => {
    const facts = {
      failOn: 'error' as const,
      errors: 1,
      warnings: 0,
      unreadableInputs: 0,
      configErrors: 0,
    };
    expect(exitCodeFor({ ...facts, undeliveredMail: 0 })).toBe(EXIT.threshold);
    expect(exitCodeFor({ ...facts, undeliveredMail: 1 })).toBe(EXIT.mailNotDelivered);
    expect(exitCodeFor({ ...facts, undeliveredMail: 1, unreadableInputs: 1 })).toBe(
      EXIT.unreadable,
    );
    expect(exitCodeFor({ ...facts, undeliveredMail: 1, configErrors: 1 })).toBe(EXIT.usage);
  });
});
