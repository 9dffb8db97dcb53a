/**
 * `npm run preview -- [workbook.xlsx] [--port N] [--time-zone ZONE] [--validate]`: try the
 * add-on without Google. Builds the add-on, loads the workbook through exceljs into an
 * in-memory spreadsheet (or, with no workbook, an empty one with the template inserted), and
 * serves the real sidebar wired to the real server functions at http://127.0.0.1:PORT/.
 * Stop it with Ctrl+C.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAddon } from './build-addon';
import { readBuiltAddon } from '../test/support/addon-harness';
import { FakeSpreadsheet } from '../test/support/fake-apps-script';
import { startPreview } from '../test/support/preview-server';
import { loadXlsxSpreadsheet } from '../test/support/xlsx-spreadsheet';

interface PreviewArgs {
  file?: string;
  port: number;
  timeZone: string;
  validate: boolean;
}

/** Returns the parsed command line; throws a usage error naming the bad argument. */
export function parsePreviewArgs(args: string[]): PreviewArgs {
  const parsed: PreviewArgs = {
    port: 0,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'Etc/UTC',
    validate: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port') {
      const port = Number(args[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port needs a port number, not "${args[i]}".`);
      parsed.port = port;
    } else if (arg === '--time-zone') {
      const zone = args[++i] ?? '';
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
      } catch {
        throw new Error(`--time-zone needs an IANA zone like Europe/London, not "${zone}".`);
      }
      parsed.timeZone = zone;
    } else if (arg === '--validate') {
      parsed.validate = true;
    } else if (arg.startsWith('--')) {
      throw new Error(
        `Unknown option ${arg}. Usage: npm run preview -- [workbook.xlsx] [--port N] [--time-zone ZONE] [--validate]`,
      );
    } else if (!parsed.file) {
      parsed.file = arg;
    } else {
      throw new Error(`Only one workbook at a time ("${parsed.file}" and "${arg}").`);
    }
  }
  return parsed;
}

/** CLI entry: builds, loads, serves; resolves once the server listens. */
export async function main(args: string[]): Promise<void> {
  let options: PreviewArgs;
  try {
    options = parsePreviewArgs(args);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const outDir = mkdtempSync(join(tmpdir(), 'raci-guard-preview-'));
  const build = readBuiltAddon(buildAddon(outDir).outDir);
  let spreadsheet: FakeSpreadsheet;
  if (options.file) {
    const path = resolve(options.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      console.error(`Cannot read ${path}: ${(error as Error).message}`);
      process.exit(2);
    }
    try {
      spreadsheet = await loadXlsxSpreadsheet(bytes, options.timeZone);
    } catch (error) {
      console.error(`${path} is not a readable .xlsx workbook: ${(error as Error).message}`);
      process.exit(2);
    }
  } else {
    spreadsheet = new FakeSpreadsheet(options.timeZone);
    spreadsheet.addSheet('Sheet1');
  }
  const preview = await startPreview({
    spreadsheet,
    port: options.port,
    build,
    validateOnOpen: options.validate,
  });
  if (!options.file) preview.addon.call('insertTemplate');
  console.log(
    `RACI Guard preview of ${options.file ?? 'a new spreadsheet with the template'} (time zone ${options.timeZone})`,
  );
  console.log(`Open ${preview.url}/ in a browser. Ctrl+C stops.`);
  const stop = () => {
    void preview.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
