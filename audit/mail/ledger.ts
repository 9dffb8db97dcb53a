/**
 * The delivery ledger: `<out>/<quarter>/delivery-ledger.json`, one record per sponsor summary
 * and recipient, saying whether it was delivered, failed (permanently or transiently, with the
 * SMTP code and the server's words, never a credential), had no email address, or was being
 * sent when a run stopped. It is what makes `--send` exactly-once: a rerun skips what the
 * ledger says was delivered and retries the rest. The ledger is rewritten atomically (a temp
 * file in the same folder, flushed, then renamed) after every change, and a lock file keeps
 * two runs from sending the same quarter at once.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const LEDGER_FILE = 'delivery-ledger.json';
export const LOCK_FILE = 'delivery-ledger.lock';

export type LedgerState = 'delivered' | 'failed' | 'no-email' | 'sending';
export type FailureKind = 'permanent' | 'transient';

/** Why a message was not delivered; `message` is already free of credentials. */
export interface DeliveryFailure {
  kind: FailureKind;
  /** nodemailer's error code (`EENVELOPE`, `ECONNECTION`, ...) when there is one. */
  code?: string;
  /** The SMTP reply code (550, 451, ...) when the server answered. */
  responseCode?: number;
  message: string;
}

/** One sponsor summary sent (or not) to one recipient for one quarter. */
export interface LedgerEntry {
  quarter: string;
  sponsor: string;
  slug: string;
  /** The recipient's address; null when the sponsor has no known email. */
  to: string | null;
  /** `contentHash` of the summary last attempted or delivered (null without a message). */
  contentHash: string | null;
  state: LedgerState;
  /** SMTP attempts over all runs. */
  attempts: number;
  /** ISO timestamps. */
  firstAttemptAt?: string;
  lastAttemptAt?: string;
  deliveredAt?: string;
  /** The server's reply accepting the message and the Message-ID sent. */
  smtpResponse?: string;
  messageId?: string;
  failure?: DeliveryFailure;
}

export interface DeliveryLedger {
  schemaVersion: 1;
  quarter: string;
  entries: LedgerEntry[];
}

/** A ledger that cannot be read or trusted; sending stops rather than risk a second copy. */
export class LedgerError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'LedgerError';
  }
}

/** Returns the ledger's path for a quarter folder. */
export function ledgerPath(quarterDir: string): string {
  return join(quarterDir, LEDGER_FILE);
}

/** Returns the identity of a delivery: the same sponsor, recipient and quarter is the same delivery. */
export function ledgerKey(entry: Pick<LedgerEntry, 'quarter' | 'slug' | 'to'>): string {
  return `${entry.quarter}\u0000${entry.slug}\u0000${(entry.to ?? '').toLowerCase()}`;
}

/** Returns the entry for this delivery, or undefined. */
export function findEntry(
  ledger: DeliveryLedger,
  key: Pick<LedgerEntry, 'quarter' | 'slug' | 'to'>,
): LedgerEntry | undefined {
  const wanted = ledgerKey(key);
  return ledger.entries.find((entry) => ledgerKey(entry) === wanted);
}

/** Returns a new ledger with `entry` in place of the one with the same key (or added), sorted. */
export function withEntry(ledger: DeliveryLedger, entry: LedgerEntry): DeliveryLedger {
  const key = ledgerKey(entry);
  const entries = ledger.entries.filter((existing) => ledgerKey(existing) !== key);
  entries.push(entry);
  entries.sort((a, b) => (ledgerKey(a) < ledgerKey(b) ? -1 : ledgerKey(a) > ledgerKey(b) ? 1 : 0));
  return { ...ledger, entries };
}

/** Returns the ledger stored at `file`, an empty one when there is none; throws `LedgerError` when it is damaged. */
export async function readLedger(file: string, quarter: string): Promise<DeliveryLedger> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { schemaVersion: 1, quarter, entries: [] };
    }
    throw new LedgerError(file, `cannot be read (${(error as Error).message}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LedgerError(
      file,
      'is not valid JSON; fix or remove it (removing it resends every summary).',
    );
  }
  if (!isLedger(data)) {
    throw new LedgerError(file, 'is not a delivery ledger (schemaVersion 1 with entries).');
  }
  if (data.quarter !== quarter) {
    throw new LedgerError(file, `belongs to quarter ${data.quarter}, not ${quarter}.`);
  }
  return data;
}

function isLedger(data: unknown): data is DeliveryLedger {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Partial<DeliveryLedger>;
  return (
    record.schemaVersion === 1 &&
    typeof record.quarter === 'string' &&
    Array.isArray(record.entries) &&
    record.entries.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.slug === 'string' &&
        typeof entry.quarter === 'string' &&
        typeof entry.state === 'string' &&
        (entry.to === null || typeof entry.to === 'string'),
    )
  );
}

/** Writes the ledger atomically: a temp file beside it, flushed to disk, then renamed over it. */
export async function writeLedger(file: string, ledger: DeliveryLedger): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(ledger, null, 2) + '\n', 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Takes the quarter's send lock (a file created exclusively, holding this process id) and
 * returns a function that releases it. A lock left by a process that no longer runs on this
 * machine is taken over; one held by a live process is a `LedgerError`.
 */
export async function acquireSendLock(quarterDir: string): Promise<() => Promise<void>> {
  await mkdir(quarterDir, { recursive: true });
  const file = join(quarterDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`, 'utf8');
      await handle.close();
      return () => unlink(file).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new LedgerError(
          file,
          `another raci-audit --send (process ${holder}) is sending this quarter's mail; wait for it to finish.`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new LedgerError(file, 'could not take the send lock; remove the file if no run is active.');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
