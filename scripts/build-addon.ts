/**
 * Builds the Google Sheets add-on into the folder `.clasp.json` names as `rootDir`
 * (`dist/addon`): `Code.js`, one Apps Script server file with no `import`, `export` or
 * `require`, in which esbuild bundles `src/addon/index.ts` (and the core) into one `RaciGuard`
 * object and one delegating global function is generated per export of that module;
 * `sidebar.html` with its script and styles inlined; and `appsscript.json`.
 * Run: `npm run build:addon` (or `node scripts/run-ts.js scripts/build-addon.ts [outDir]`).
 */
import { buildSync } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
export const GLOBAL_NAME = 'RaciGuard';

export interface AddonBuild {
  outDir: string;
  serverFile: string;
  sidebarFile: string;
  manifestFile: string;
  /** The global functions generated from `src/addon/index.ts`'s exports. */
  entryPoints: string[];
}

/** Returns the build output folder named by `.clasp.json`'s `rootDir`. */
export function claspRootDir(): string {
  const clasp = JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8')) as { rootDir?: string };
  if (!clasp.rootDir) throw new Error('.clasp.json has no rootDir.');
  return resolve(ROOT, clasp.rootDir);
}

/** Returns the names exported by `src/addon/index.ts`, read from esbuild's metafile. */
function entryExports(entry: string): string[] {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs).filter((o) => o.entryPoint);
  return outputs.flatMap((o) => o.exports).sort();
}

/** Throws when the server code still holds something Apps Script cannot run. */
export function assertAppsScriptCompatible(code: string): void {
  const problems: string[] = [];
  code.split('\n').forEach((line, i) => {
    if (/^\s*(import|export)\b[\s{*]/.test(line)) problems.push(`line ${i + 1}: ES module syntax`);
    if (/(^|[^.\w$])require\s*\(/.test(line)) problems.push(`line ${i + 1}: require()`);
  });
  if (problems.length > 0) {
    throw new Error(`The server bundle is not valid Apps Script:\n${problems.join('\n')}`);
  }
}

function buildServer(outDir: string): { file: string; entryPoints: string[] } {
  const entry = join(ROOT, 'src/addon/index.ts');
  const entryPoints = entryExports(entry);
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    target: 'es2020',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  });
  const globals = entryPoints
    .map(
      (name) => `function ${name}() {\n  return ${GLOBAL_NAME}.${name}.apply(this, arguments);\n}`,
    )
    .join('\n');
  const code =
    '// RACI Guard add-on: built by scripts/build-addon.ts from src/addon/index.ts. Do not edit.\n' +
    `${result.outputFiles[0].text}\n// Global entry points for Apps Script, one per export of src/addon/index.ts.\n${globals}\n`;
  assertAppsScriptCompatible(code);
  const file = join(outDir, 'Code.js');
  writeFileSync(file, code);
  return { file, entryPoints };
}

function buildSidebar(outDir: string): string {
  const script = buildSync({
    entryPoints: [join(ROOT, 'src/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
  }).outputFiles[0].text;
  const css = readFileSync(join(ROOT, 'src/sidebar/sidebar.css'), 'utf8');
  const template = readFileSync(join(ROOT, 'src/sidebar/sidebar.html'), 'utf8');
  if (!template.includes('/* INLINE_STYLES */') || !template.includes('/* INLINE_SCRIPT */')) {
    throw new Error('src/sidebar/sidebar.html lacks the INLINE_STYLES or INLINE_SCRIPT marker.');
  }
  const safe = (text: string) => text.replace(/<\/(script|style)/gi, '<\\/$1');
  const html = template
    .replace('/* INLINE_STYLES */', () => safe(css))
    .replace('/* INLINE_SCRIPT */', () => safe(script));
  const file = join(outDir, 'sidebar.html');
  writeFileSync(file, html);
  return file;
}

/** Builds the add-on into `outDir` (default: `.clasp.json`'s rootDir); returns the files. */
export function buildAddon(outDir: string = claspRootDir()): AddonBuild {
  mkdirSync(outDir, { recursive: true });
  const server = buildServer(outDir);
  const sidebarFile = buildSidebar(outDir);
  const manifestFile = join(outDir, 'appsscript.json');
  copyFileSync(join(ROOT, 'appsscript.json'), manifestFile);
  return {
    outDir,
    serverFile: server.file,
    sidebarFile,
    manifestFile,
    entryPoints: server.entryPoints,
  };
}

/** CLI: `node scripts/run-ts.js scripts/build-addon.ts [outDir]`. */
export function main(args: string[]): void {
  const build = buildAddon(args[0] ? resolve(args[0]) : undefined);
  console.log(
    `Built the add-on in ${build.outDir}: Code.js (${build.entryPoints.length} entry points), sidebar.html, appsscript.json`,
  );
}
