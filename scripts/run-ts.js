#!/usr/bin/env node
/**
 * Runs a TypeScript script (scripts/*.ts, bench/*.ts) without a separate compile step: esbuild
 * bundles it for Node into a temporary file next to it (so __dirname stays right), which is
 * then loaded; if it exports `main`, that is called with the remaining arguments (a returned
 * promise is awaited and a rejection exits 1). The temporary file is removed afterwards.
 * Usage: node scripts/run-ts.js scripts/rule-table.ts [args...]
 */
const { buildSync } = require('esbuild');
const { rmSync } = require('node:fs');
const path = require('node:path');

const [, , entry, ...args] = process.argv;
if (!entry) {
  console.error('usage: node scripts/run-ts.js FILE.ts [args...]');
  process.exit(2);
}
const source = path.resolve(entry);
const outfile = path.join(
  path.dirname(source),
  `.${path.basename(source, '.ts')}.${process.pid}.cjs`,
);
buildSync({
  entryPoints: [source],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
const cleanup = () => rmSync(outfile, { force: true });
process.on('exit', cleanup);
process.argv = [process.argv[0], source, ...args];
const mod = require(outfile);
if (typeof mod.main === 'function') {
  Promise.resolve(mod.main(args)).catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
