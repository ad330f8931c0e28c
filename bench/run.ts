import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureHostStart } from './host-start.ts';

/**
 * `npm run bench`: prints figures and writes them to bench/results/<name>.json. Not a test: nothing here
 * passes or fails on a number.
 */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const round = (value: number) => Math.round(value);
  return { median: round(median), min: round(sorted[0] ?? 0), max: round(sorted.at(-1) ?? 0) };
};

const runs = await measureHostStart(RUNS);
const result = {
  benchmark: 'host start → home screen interactive (headless Chromium, browser shell)',
  measuredAt: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    chromium: execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
  },
  runs: runs.length,
  hostReadyMs: summary(runs.map((run) => run.hostReadyMs)),
  homeInteractiveMs: summary(runs.map((run) => run.homeInteractiveMs)),
  raw: runs,
};

const dir = path.join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'host-start.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(result.benchmark);
console.log(`  ${result.runs} runs on ${result.machine.cpus} cores, ${result.machine.node}, ${result.machine.chromium}`);
console.log(`  host ready        median ${result.hostReadyMs.median} ms  (min ${result.hostReadyMs.min}, max ${result.hostReadyMs.max})`);
console.log(`  home interactive  median ${result.homeInteractiveMs.median} ms  (min ${result.homeInteractiveMs.min}, max ${result.homeInteractiveMs.max})`);
console.log('  written to bench/results/host-start.json');
