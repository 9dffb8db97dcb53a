/**
 * The `raci-audit` command line: parses flags with commander, reads the configuration and
 * leadership files, calls `runAudit`, shows progress and a summary on stderr (report.json on
 * stdout with `--json`), and maps the outcome to an exit code in one pure function.
 * This is the only place that reads the clock: "today" is the machine's local calendar date
 * (the date the person or scheduler running the audit sees), passed down as `YYYY-MM-DD`.
 * Exit codes: 0 done; 1 the `--fail-on` threshold was reached; 2 usage or configuration
 * error; 3 some input unreadable (the rest is audited and reported); 4 some sponsor summary
 * not delivered (`--send`, delivered by `audit/mail/`). When several apply the most serious
 * wins: 2, then 3, then 4, then 1.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  addDays,
  defaultConfig,
  isIsoDate,
  isQuarterId,
  lastEndedQuarter,
  quarterFromId,
  resolveConfig,
  RULE_IDS,
  type Config,
  type SheetInput,
} from '../src/core';
import { readGuarded } from './guard/guarded-read';
import { readWorkbook, UnreadableWorkbookError } from './read/xlsx';
import { localCalendarDate } from './report/dates';
import { AuditUsageError, runAudit, type AuditOutcome, type ProgressEvent } from './run-audit';

export type FailOn = 'error' | 'warning' | 'never';

export const EXIT = { ok: 0, threshold: 1, usage: 2, unreadable: 3, mailNotDelivered: 4 } as const;

export interface ExitFacts {
  failOn: FailOn;
  /** Findings not waived, by severity. */
  errors: number;
  warnings: number;
  unreadableInputs: number;
  /** Problems in a workbook's Config sheet, or in the mail settings with `--send`. */
  configErrors: number;
  /** Sponsor summaries `--send` did not deliver (0 without `--send`). */
  undeliveredMail?: number;
}

/** Bytes of report.json `--json` reads and writes at a time. */
const JSON_PIECE_BYTES = 16 * 1024;

/**
 * Resolves once a stream that asked the writer to wait ('drain') can take more, or has failed
 * or closed (so a closed pipe never leaves the CLI waiting). A sink that is not a stream (a
 * test's) resolves at once.
 */
function drained(sink: CliIo['stdout']): Promise<void> {
  const stream = sink as Partial<NodeJS.WritableStream>;
  if (typeof stream.once !== 'function' || typeof stream.off !== 'function') {
    return Promise.resolve();
  }
  return new Promise((resolveWait) => {
    const events = ['drain', 'error', 'close'];
    const done = () => {
      for (const event of events) stream.off?.(event, done);
      resolveWait();
    };
    for (const event of events) stream.once?.(event, done);
  });
}

/** Returns the exit code for an audit that ran: 2, then 3, then 4, then 1 win over 0. */
export function exitCodeFor(facts: ExitFacts): number {
  if (facts.configErrors > 0) return EXIT.usage;
  if (facts.unreadableInputs > 0) return EXIT.unreadable;
  if ((facts.undeliveredMail ?? 0) > 0) return EXIT.mailNotDelivered;
  if (facts.failOn === 'error' && facts.errors > 0) return EXIT.threshold;
  if (facts.failOn === 'warning' && facts.errors + facts.warnings > 0) return EXIT.threshold;
  return EXIT.ok;
}

/** Returns the facts `exitCodeFor` needs from a finished audit. */
export function exitFacts(outcome: AuditOutcome, failOn: FailOn): ExitFacts {
  const r = outcome.report;
  return {
    failOn,
    // The summary counts findings that are not waived, by severity.
    errors: r.summary.findings.error,
    warnings: r.summary.findings.warning,
    unreadableInputs: r.inputs.filter((i) => i.status === 'unreadable').length,
    configErrors: r.inputs.reduce((n, i) => n + (i.configErrors?.length ?? 0), 0),
  };
}

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  now(): Date;
}

const nodeIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => new Date(),
};

/** Returns the folder of the bundled examples (searched upward from this file), if present. */
export function examplesDir(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'examples', 'workbooks');
    if (existsSync(candidate)) return join(dir, 'examples');
    dir = dirname(dir);
  }
  return undefined;
}

const HELP_EXAMPLES = `
Examples:
  $ raci-audit
      audit the bundled example workbooks into ./reports/<last quarter>/
  $ raci-audit exports/ --quarter 2026-Q3 --out reports
      audit every .xlsx under exports/ for 2026-Q3
  $ raci-audit exports/ --leadership roster.xlsx --config raci.json --fail-on error
      use a shared leadership roster and a configuration file; exit 1 on any error
  $ raci-audit exports/ --as-of 2026-09-30 --json > report.json
      print report.json on stdout (messages go to stderr)
  $ SMTP_URL=smtp://user:pass@mail.example.org:587 MAIL_FROM=governance@example.org \\
    raci-audit exports/ --send
      mail each LT sponsor their summary once per quarter (reruns retry only failures)

Exit codes:
  0  done
  1  --fail-on threshold reached
  2  usage or configuration error
  3  some input unreadable (the rest is still audited and reported)
  4  some sponsor summary not delivered (--send, --resend)

Writes <out>/<quarter>/: compliance-<quarter>.xlsx, report.json, index.html and
sponsors/<sponsor>.html, .txt and .eml (one summary per LT sponsor).
`;

interface ParsedFlags {
  quarter?: string;
  asOf?: string;
  out: string;
  config?: string;
  leadership?: string;
  previous?: string;
  failOn: FailOn;
  json?: boolean;
  quiet?: boolean;
  send?: boolean;
  resend?: boolean;
}

function buildProgram(io: CliIo): Command {
  return new Command()
    .name('raci-audit')
    .description(
      'Audit exported RACI workbooks (.xlsx) for a quarter and write compliance reports for the governance team and each LT sponsor.',
    )
    .argument(
      '[paths...]',
      '.xlsx files or folders (searched recursively); default: the bundled examples',
    )
    .option(
      '--quarter <YYYY-Qn>',
      'quarter to audit (default: the last quarter that has ended by --as-of, or by today)',
    )
    .option(
      '--as-of <YYYY-MM-DD>',
      "audit date, on or after the quarter's first day (default: the quarter's last day, or today while it runs)",
    )
    .option('--out <dir>', 'output folder', 'reports')
    .option('--config <file>', 'configuration file (JSON)')
    .option('--leadership <file>', 'leadership roster workbook shared by all workbooks')
    .option('--previous <file>', "last quarter's report.json (default: found under --out)")
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding of this severity or worse exists')
        .choices(['error', 'warning', 'never'])
        .default('never'),
    )
    .option('--json', 'print report.json on stdout; everything else goes to stderr')
    .option('--quiet', 'no progress and no summary (problems are still reported)')
    .option(
      '--send',
      "mail each sponsor's summary over SMTP (SMTP_URL, MAIL_FROM from the environment)",
    )
    .option('--resend', 'like --send, and mail again those already delivered this quarter')
    .addHelpText('after', HELP_EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
    });
}

/**
 * Returns the quarter id and audit date to audit from `--quarter` and `--as-of`, checked
 * against each other and against today: with neither, the last quarter that has ended by
 * today; with only `--as-of`, the last quarter whose last day is on or before it; as-of is
 * otherwise left to the default (the quarter's last day, or today while it runs). Throws an
 * `AuditUsageError` for a malformed value, an as-of before the quarter's first day, or a
 * quarter that starts after today with no as-of.
 */
export function auditPeriod(
  flags: { quarter?: string; asOf?: string },
  today: string,
  fiscalYearStartMonth: number,
): { quarter: string; asOf?: string } {
  if (flags.quarter !== undefined && !isQuarterId(flags.quarter)) {
    throw new AuditUsageError(`--quarter must look like 2026-Q3, not "${flags.quarter}".`);
  }
  if (flags.asOf !== undefined && !isIsoDate(flags.asOf)) {
    throw new AuditUsageError(
      `--as-of must be a real date written YYYY-MM-DD, not "${flags.asOf}".`,
    );
  }
  if (flags.quarter === undefined) {
    if (flags.asOf === undefined) {
      // The last quarter that has ended: on a quarter's last day, that quarter still runs.
      return { quarter: lastEndedQuarter(today, fiscalYearStartMonth).id };
    }
    // The last quarter whose last day is on or before as-of: it has ended by as-of's end.
    return {
      quarter: lastEndedQuarter(addDays(flags.asOf, 1), fiscalYearStartMonth).id,
      asOf: flags.asOf,
    };
  }
  const quarter = quarterFromId(flags.quarter, fiscalYearStartMonth);
  if (flags.asOf !== undefined) {
    if (flags.asOf < quarter.start) {
      throw new AuditUsageError(
        `--as-of ${flags.asOf} is before ${quarter.id} starts (${quarter.start}); give a date from ${quarter.start} on, or leave --as-of out.`,
      );
    }
    return { quarter: quarter.id, asOf: flags.asOf };
  }
  if (quarter.start > today) {
    throw new AuditUsageError(
      `${quarter.id} starts on ${quarter.start}, after today (${today}); nothing can be audited for it yet. Give --as-of to audit it as of a later date.`,
    );
  }
  return { quarter: quarter.id };
}

function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AuditUsageError(`The configuration file ${file} cannot be read.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AuditUsageError(
      `The configuration file ${file} is not valid JSON (${(err as Error).message}).`,
    );
  }
  const { config, errors } = resolveConfig(raw, RULE_IDS);
  if (errors.length > 0) {
    throw new AuditUsageError(
      `The configuration file ${file} has ${errors.length === 1 ? 'an error' : 'errors'}:\n` +
        errors.map((e) => `  ${e.key}: ${e.message}`).join('\n'),
    );
  }
  return config;
}

async function loadLeadership(file: string): Promise<SheetInput[]> {
  try {
    return await readGuarded(file, basename(file), () => readWorkbook(file));
  } catch (err) {
    if (err instanceof UnreadableWorkbookError) {
      throw new AuditUsageError(`The leadership roster ${file} cannot be read: ${err.reason}.`);
    }
    throw err;
  }
}

/** Returns a progress reporter: a one-line bar on a terminal, plain lines otherwise. */
function progressReporter(
  io: CliIo,
  quiet: boolean,
): { onProgress: (e: ProgressEvent) => void; done(): void } {
  if (quiet) return { onProgress: () => undefined, done: () => undefined };
  const tty = io.stderr.isTTY === true;
  let barShown = false;
  return {
    onProgress(e) {
      if (e.phase === 'found') {
        io.stderr.write(`Auditing ${e.total} workbook${e.total === 1 ? '' : 's'}...\n`);
      } else if (e.phase === 'file') {
        if (tty) {
          const width = 24;
          const filled = Math.round((e.done / e.total) * width);
          const name = e.file.length > 40 ? `…${e.file.slice(-39)}` : e.file;
          io.stderr.write(
            `\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${e.done}/${e.total} ${name}`,
          );
          barShown = true;
        } else {
          io.stderr.write(
            `[${e.done}/${e.total}] ${e.file}: ${e.status === 'ok' ? 'read' : 'UNREADABLE'}\n`,
          );
        }
      } else if (!tty) {
        io.stderr.write(`Writing ${e.what}\n`);
      }
    },
    done() {
      if (barShown) io.stderr.write('\r\x1b[2K');
    },
  };
}

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const program = buildProgram(io);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      io.stderr.write('Run "raci-audit --help" for usage.\n');
      return EXIT.usage;
    }
    throw err;
  }
  const flags = program.opts<ParsedFlags>();
  let paths = program.args;
  const quiet = flags.quiet === true;
  const say = (text: string) => {
    if (!quiet) io.stderr.write(`${text}\n`);
  };

  try {
    let leadershipFile = flags.leadership;
    if (paths.length === 0) {
      const examples = examplesDir();
      if (!examples)
        throw new AuditUsageError('No path given and the bundled examples are missing.');
      paths = [join(examples, 'workbooks')];
      if (!leadershipFile && existsSync(join(examples, 'leadership.xlsx'))) {
        leadershipFile = join(examples, 'leadership.xlsx');
      }
      say(`No path given: auditing the bundled examples in ${paths[0]}`);
    }
    const config = flags.config ? loadConfig(flags.config) : undefined;
    const today = localCalendarDate(io.now());
    const period = auditPeriod(flags, today, (config ?? defaultConfig()).fiscalYearStartMonth);
    const leadership = leadershipFile ? await loadLeadership(leadershipFile) : undefined;
    const progress = progressReporter(io, quiet);
    let outcome: AuditOutcome;
    try {
      outcome = await runAudit({
        paths,
        today,
        quarter: period.quarter,
        asOf: period.asOf,
        outDir: flags.out,
        config,
        leadership,
        previous: flags.previous,
        mailFrom: io.env.MAIL_FROM,
        onProgress: progress.onProgress,
      });
    } finally {
      progress.done();
    }
    const r = outcome.report;
    if (flags.json) {
      // The file as written, piece by piece, waiting whenever stdout asks to: a large
      // report.json is not held whole.
      const pieces = createReadStream(join(outcome.outputDir, 'report.json'), {
        encoding: 'utf8',
        highWaterMark: JSON_PIECE_BYTES,
      });
      for await (const piece of pieces) {
        if (io.stdout.write(piece as string) === false) await drained(io.stdout);
      }
    }
    for (const input of r.inputs) {
      if (input.status === 'unreadable')
        io.stderr.write(`Unreadable: ${input.file}: ${input.error}\n`);
      for (const e of input.configErrors ?? []) {
        io.stderr.write(
          `Configuration error in ${input.file}${e.sheet ? `, sheet ${e.sheet}` : ''}${e.cell ? `, cell ${e.cell}` : ''}: ${e.key}: ${e.message}\n`,
        );
      }
    }
    const s = r.summary;
    say(
      `Audited ${s.inputs} workbook${s.inputs === 1 ? '' : 's'} for ${r.quarter} as of ${r.asOf}: ` +
        `${s.compliant} of ${s.items} items compliant (${pct(s.compliance)}); ` +
        `${s.findings.error} errors, ${s.findings.warning} warnings, ${s.findings.info} info, ${s.findings.waived} waived.`,
    );
    for (const sp of r.sponsors) {
      const trend =
        sp.previousCompliance === undefined ? '' : ` (last quarter ${pct(sp.previousCompliance)})`;
      say(`  ${sp.name}: ${sp.compliant}/${sp.items} compliant, ${pct(sp.compliance)}${trend}`);
    }
    if (outcome.previousFile) say(`Trend against ${outcome.previousFile}`);
    if (outcome.sponsorsWithoutEmail.length > 0) {
      say(
        `No email known for: ${outcome.sponsorsWithoutEmail.join(', ')} (their .eml has no recipient).`,
      );
    }
    say(`Reports written to ${resolve(outcome.outputDir)} (open index.html).`);
    const facts = exitFacts(outcome, flags.failOn);
    if (flags.send || flags.resend) {
      // Loaded only when mailing: nodemailer is not needed to audit.
      const { sendReportMail } = await import('./mail/send-report');
      const mail = await sendReportMail({
        outDir: flags.out,
        quarter: r.quarter,
        sponsors: r.sponsors,
        env: io.env,
        force: flags.resend === true,
        report: (line, problem) => {
          if (problem || !quiet) io.stderr.write(`${line}\n`);
        },
      });
      facts.undeliveredMail = mail.undelivered;
      if (mail.configError) facts.configErrors += 1;
    }
    const code = exitCodeFor(facts);
    if (code === EXIT.threshold) say(`Exit 1: findings at or above --fail-on ${flags.failOn}.`);
    return code;
  } catch (err) {
    if (err instanceof AuditUsageError) {
      io.stderr.write(`raci-audit: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `raci-audit: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
