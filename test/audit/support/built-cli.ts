/**
 * The audit CLI as installed, for tests that run it as a child process: compiled with `npm run
 * build:audit`'s settings (`audit/tsconfig.json`) into a private folder beside a copy of
 * `bin/raci-audit.js`, so the test runs the real shim and the real compiled code (worker
 * threads included) while another test file may be rebuilding the shared `dist/`. The child
 * finds the project's packages through NODE_PATH.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface BuiltCli {
  /** The copy of `bin/raci-audit.js` that loads this build. */
  bin: string;
  /** Returns the environment to run `bin` in, with the machine time zone `tz`. */
  env(tz?: string): NodeJS.ProcessEnv;
}

/** Compiles the CLI into `folder` (`folder/dist`, `folder/bin`) and returns how to run it. */
export function buildCli(folder: string): BuiltCli {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(ROOT, 'audit', 'tsconfig.json'),
      '--outDir',
      join(folder, 'dist'),
    ],
    { cwd: ROOT, stdio: 'pipe' },
  );
  mkdirSync(join(folder, 'bin'), { recursive: true });
  const bin = join(folder, 'bin', 'raci-audit.js');
  copyFileSync(join(ROOT, 'bin', 'raci-audit.js'), bin);
  return {
    bin,
    env: (tz = 'UTC') => ({ ...process.env, TZ: tz, NODE_PATH: join(ROOT, 'node_modules') }),
  };
}
