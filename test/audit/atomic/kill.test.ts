/**
 * A run killed while it writes leaves no truncated report. The built `raci-audit` runs as a
 * child process over a corpus of generated workbooks and the bundled examples (some seventy
 * output files), once to completion; then, with changed inputs, it is SIGKILLed again and
 * again into the same folder at different moments: as the first temp file appears, while the
 * compliance workbook streams, partway through the sponsor files, as it starts writing and at
 * a few delays after. After each kill every output present must be whole: byte-identical to
 * the previous run's file or to a complete run over the new inputs (report.json, HTML, text),
 * or read back as the same content (the xlsx through exceljs, the .eml through mailparser
 * with its attachment); only temp files of the atomic writes may sit beside them. A normal
 * rerun then succeeds and removes every temp file the kills left. Every wait is bounded; the
 * assertions hold wherever a kill lands.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  readdirSync,
  readFileSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { ATOMIC_TEMP_NAME } from '../../../audit/run-audit';
import { buildCli, type BuiltCli } from '../support/built-cli';
import { organisation, tempDir, writeWorkbook } from '../support/workbooks';

const ROOT = join(__dirname, '..', '..', '..');
const QUARTER = '2026-Q3';
const UNITS = 16;
const RUN_LIMIT_MS = 60_000;

let dir: string;
let cleanup: () => void;
let cli: BuiltCli;
/** The output files of the complete first run, and of a complete run over the changed inputs. */
let before: Map<string, Buffer>;
let after: Map<string, Buffer>;
/** The process ids of the runs a kill stopped. */
const killedRuns: number[] = [];
const input = () => join(dir, 'in');
const quarterDir = (out = 'out') => join(dir, out, QUARTER);

interface RunResult {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** How a run is stopped: as a temp file appears, or some time after a line on stderr. */
type Trigger =
  | { tempIn: '' | 'sponsors'; name: RegExp; nth: number }
  | { line: RegExp; delayMs: number }
  | { never: true };

/** Runs the built CLI into `<dir>/<out>`, SIGKILLs it when `trigger` fires; returns how it ended. */
function run(out: string, trigger: Trigger): Promise<RunResult> {
  const args = [input(), '--out', join(dir, out), '--quarter', QUARTER, '--as-of', '2026-09-30'];
  const child = spawn(process.execPath, [cli.bin, ...args], {
    cwd: ROOT,
    env: cli.env(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  const watchers: FSWatcher[] = [];
  const timers: NodeJS.Timeout[] = [setTimeout(kill, RUN_LIMIT_MS)];
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const seenBefore = 'line' in trigger && trigger.line.test(stderr);
    stderr += chunk;
    if ('line' in trigger && !seenBefore && trigger.line.test(stderr)) {
      timers.push(setTimeout(kill, trigger.delayMs));
    }
  });
  if ('tempIn' in trigger) {
    const temps = new Set<string>();
    watchers.push(
      watch(join(quarterDir(out), trigger.tempIn), (_event, name) => {
        if (!name || !ATOMIC_TEMP_NAME.test(name) || !trigger.name.test(name)) return;
        temps.add(name);
        if (temps.size >= trigger.nth) kill();
      }),
    );
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      watchers.forEach((w) => w.close());
      timers.forEach((t) => clearTimeout(t));
      resolve({ pid: child.pid!, code, signal, stderr });
    });
  });
}

/** Returns every file under `folder`, by path relative to it, with its bytes. */
function filesUnder(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(
      path
        .slice(folder.length + 1)
        .split('\\')
        .join('/'),
      readFileSync(path),
    );
  }
  return files;
}

const contentCache = new Map<string, string>();

/** Returns what an xlsx holds (each sheet's name and values), or throws if exceljs cannot load it. */
async function workbookContent(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.length).toBeGreaterThan(0);
  return JSON.stringify(workbook.worksheets.map((ws) => [ws.name, ws.getSheetValues()]));
}

/** Returns what a mail says (headers, both parts, the attachment's content) or throws. */
async function mailContent(bytes: Buffer): Promise<string> {
  const mail = await simpleParser(bytes);
  expect(mail.html).toMatch(/<\/html>\s*$/);
  expect(mail.attachments).toHaveLength(1);
  return JSON.stringify({
    subject: mail.subject,
    messageId: mail.messageId,
    html: mail.html,
    text: mail.text,
    attachment: [mail.attachments[0].filename, await workbookContent(mail.attachments[0].content)],
  });
}

/** Returns the content of an xlsx or .eml output as read back (cached by the file's bytes). */
async function contentOf(name: string, bytes: Buffer): Promise<string> {
  const key = `${name.slice(name.lastIndexOf('.'))}:${createHash('sha256').update(bytes).digest('hex')}`;
  let content = contentCache.get(key);
  if (content === undefined) {
    content = name.endsWith('.eml') ? await mailContent(bytes) : await workbookContent(bytes);
    contentCache.set(key, content);
  }
  return content;
}

/**
 * Fails unless every output in the quarter folder is whole (the previous run's file or a
 * complete new one) and nothing else but atomic-write temp files sits beside them; returns the
 * temp files found.
 */
async function expectWholeOutputs(): Promise<string[]> {
  const present = filesUnder(quarterDir());
  const temps = [...present.keys()].filter((name) =>
    ATOMIC_TEMP_NAME.test(name.slice(name.lastIndexOf('/') + 1)),
  );
  const outputs = [...present.keys()].filter((name) => !temps.includes(name)).sort();
  expect(outputs).toEqual([...before.keys()].sort());
  for (const name of outputs) {
    const bytes = present.get(name)!;
    if (bytes.equals(before.get(name)!)) continue;
    if (name.endsWith('.xlsx') || name.endsWith('.eml')) {
      expect([name, await contentOf(name, bytes)]).toEqual([
        name,
        await contentOf(name, after.get(name)!),
      ]);
      continue;
    }
    if (name.endsWith('.json')) {
      const report = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      for (const field of ['schemaVersion', 'quarter', 'period', 'asOf', 'inputs', 'items']) {
        expect([name, field in report]).toEqual([name, true]);
      }
      for (const field of ['sponsors', 'findings']) expect(report[field]).toBeInstanceOf(Array);
    }
    if (name.endsWith('.html')) expect(bytes.toString('utf8')).toMatch(/<\/html>\s*$/);
    expect([name, bytes.equals(after.get(name)!)]).toEqual([name, true]);
  }
  return temps;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('raci-kill-'));
  cli = buildCli(join(dir, 'build'));
  const writeUnits = async (activityText: string) => {
    for (let i = 0; i < UNITS; i++) {
      await writeWorkbook(
        join(input(), `unit-${String(i).padStart(2, '0')}.xlsx`),
        organisation({ prefix: `U${i} `, sponsorOfSecond: `Sponsor ${i}`, activityText }),
      );
    }
  };
  await writeUnits('Approve the payment run');
  for (const example of ['business-services.xlsx', 'service-management.xlsx']) {
    copyFileSync(join(ROOT, 'examples', 'workbooks', example), join(input(), example));
  }
  const first = await run('out', { never: true });
  expect([first.code, first.signal, first.stderr]).toEqual([0, null, expect.any(String)]);
  before = filesUnder(quarterDir());

  await writeUnits('Approve the payment run (second approver)');
  const complete = await run('complete', { never: true });
  expect(complete.code).toBe(0);
  after = filesUnder(quarterDir('complete'));

  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  expect(before.size).toBeGreaterThan(3 * UNITS);
  expect(after.get('report.json')!.equals(before.get('report.json')!)).toBe(false);
}, 180_000);
afterAll(() => cleanup?.());

describe('raci-audit killed while it writes its reports', () => {
  const sponsorTemp = /\.(html|txt|eml)\./;
  it.each<[string, Trigger]>([
    ['as the first temp file appears', { tempIn: '', name: /./, nth: 1 }],
    ['while the compliance workbook streams', { tempIn: '', name: /^\.compliance-/, nth: 1 }],
    ['at the fifth sponsor file', { tempIn: 'sponsors', name: sponsorTemp, nth: 5 }],
    ['at the thirtieth sponsor file', { tempIn: 'sponsors', name: sponsorTemp, nth: 30 }],
    ['as it says it starts writing', { line: /^Writing report\.json$/m, delayMs: 0 }],
    ['60 ms into writing', { line: /^Writing report\.json$/m, delayMs: 60 }],
  ])(
    'leaves only whole outputs when killed %s',
    async (_moment, trigger) => {
      const result = await run('out', trigger);
      expect(result.signal === 'SIGKILL' || result.code === 0).toBe(true);
      if (result.signal === 'SIGKILL') killedRuns.push(result.pid);
      await expectWholeOutputs();
    },
    RUN_LIMIT_MS + 30_000,
  );

  it(
    'reruns to completion afterwards and leaves no temp file behind',
    async () => {
      expect(killedRuns.length).toBeGreaterThan(0);
      // What a run killed inside writeFile leaves, whether or not a kill above landed there.
      const stale = `.ann-lee.eml.${killedRuns[0]}.1795000000000.tmp`;
      writeFileSync(
        join(quarterDir(), 'sponsors', stale),
        before.get('report.json')!.subarray(0, 99),
      );
      const rerun = await run('out', { never: true });
      expect(rerun.code).toBe(0);
      expect(await expectWholeOutputs()).toEqual([]);
      const present = filesUnder(quarterDir());
      for (const [name, bytes] of present) {
        if (name.endsWith('.xlsx') || name.endsWith('.eml')) {
          expect(await contentOf(name, bytes)).toBe(await contentOf(name, after.get(name)!));
        } else {
          expect([name, bytes.equals(after.get(name)!)]).toEqual([name, true]);
        }
      }
    },
    RUN_LIMIT_MS + 30_000,
  );
});
