#!/usr/bin/env node
/**
 * The `raci-audit` command: loads the compiled CLI (built to dist/ by `npm run build:audit`,
 * which `npm ci` runs through `prepare`) and runs it with the process's arguments, after bounding
 * how far V8 lets the heap grow (audit/heap.ts).
 */
/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim loading the compiled CLI */
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'audit');
const cli = join(dist, 'cli.js');
const heap = join(dist, 'heap.js');
if (!existsSync(cli) || !existsSync(heap)) {
  process.stderr.write(
    'raci-audit: the CLI is not built yet (or was built by an older version); run "npm run build:audit" first.\n',
  );
  process.exit(2);
}
// The process is the audit's: keep V8's heap near what the audit holds (audit/heap.ts).
require(heap).boundHeapGrowth();
const { main } = require(cli);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(
      `raci-audit: unexpected failure: ${err && err.stack ? err.stack : String(err)}\n`,
    );
    process.exitCode = 70;
  },
);
