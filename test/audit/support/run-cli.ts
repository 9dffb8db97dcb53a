/**
 * Runs `raci-audit` in-process (`main(argv, io)`) as a user would, with its output captured and
 * its clock fixed at noon local time on a given day, so tests see exit codes and messages
 * without a child process.
 */
import { main, type CliIo } from '../../../audit/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Today's date for the CLI, `YYYY-MM-DD`; default 2026-10-01 (so 2026-Q3 has just ended). */
  today?: string;
  /** Whether stderr claims to be a terminal (progress bar). */
  tty?: boolean;
  /** The environment the CLI sees (SMTP settings). */
  env?: Record<string, string | undefined>;
}

/** Returns the CLI's exit code and everything it wrote to stdout and stderr. */
export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const [y, m, d] = (options.today ?? '2026-10-01').split('-').map(Number);
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    env: options.env ?? {},
    now: () => new Date(y, m - 1, d, 12, 0, 0),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
