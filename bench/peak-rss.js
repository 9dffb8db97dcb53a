/**
 * Preloaded into a benchmarked Node process (`node --require bench/peak-rss.js ...`): when the
 * process exits it writes its peak resident memory to the file named by BENCH_PEAK_FILE. The
 * figure is VmHWM from /proc/self/status, the high-water mark of the whole process, so it
 * counts the main thread and every worker thread (threads share one process).
 */
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for plain node */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');

const out = process.env.BENCH_PEAK_FILE;
if (out) {
  process.on('exit', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    writeFileSync(out, match ? String(Number(match[1]) * 1024) : '');
  });
}
