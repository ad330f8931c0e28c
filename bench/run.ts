import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureHostStart } from './host-start.ts';
import { measureCatalogue } from './catalogue-search.ts';
import { measureIdCardRead, SIMULATED_TIMING } from './idcard-read.ts';
import { measureOutbox } from './outbox.ts';

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

const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  chromium: execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
};
const dir = path.join(import.meta.dirname, 'results');
await mkdir(dir, { recursive: true });

const runs = await measureHostStart(RUNS);
const result = {
  benchmark: 'host start → home screen interactive (headless Chromium, browser shell)',
  measuredAt: new Date().toISOString(),
  machine,
  runs: runs.length,
  hostReadyMs: summary(runs.map((run) => run.hostReadyMs)),
  homeInteractiveMs: summary(runs.map((run) => run.homeInteractiveMs)),
  raw: runs,
};

await writeFile(path.join(dir, 'host-start.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(result.benchmark);
console.log(`  ${result.runs} runs on ${result.machine.cpus} cores, ${result.machine.node}, ${result.machine.chromium}`);
console.log(`  host ready        median ${result.hostReadyMs.median} ms  (min ${result.hostReadyMs.min}, max ${result.hostReadyMs.max})`);
console.log(`  home interactive  median ${result.homeInteractiveMs.median} ms  (min ${result.homeInteractiveMs.min}, max ${result.homeInteractiveMs.max})`);
console.log('  written to bench/results/host-start.json');

const READS = Number(process.env['BENCH_IDCARD_READS'] ?? 20);
const reads = await measureIdCardRead(READS);
const ratios = reads.map((run) => run.readMs / run.simulatorMs);
const idcard = {
  benchmark: 'ID card read over a pty ÷ the simulator\'s own response time (goal ≤ 1.1)',
  measuredAt: new Date().toISOString(),
  machine,
  simulatorTiming: SIMULATED_TIMING,
  runs: reads.length,
  readMs: summary(reads.map((run) => run.readMs)),
  simulatorMs: summary(reads.map((run) => run.simulatorMs)),
  ratio: { median: Math.round(summary(ratios.map((r) => r * 1000)).median) / 1000, max: Math.round(Math.max(...ratios) * 1000) / 1000 },
  raw: reads,
};
await writeFile(path.join(dir, 'idcard-read.json'), `${JSON.stringify(idcard, null, 2)}\n`);
console.log(idcard.benchmark);
console.log(`  ${idcard.runs} reads; simulator answers find ${SIMULATED_TIMING.findMs} ms, select ${SIMULATED_TIMING.selectMs} ms, read ${SIMULATED_TIMING.readMs} ms`);
console.log(`  read over pty      median ${idcard.readMs.median} ms  (min ${idcard.readMs.min}, max ${idcard.readMs.max})`);
console.log(`  simulator's own    median ${idcard.simulatorMs.median} ms`);
console.log(`  ratio              median ${idcard.ratio.median}  (max ${idcard.ratio.max})`);
console.log('  written to bench/results/idcard-read.json');

const catalogue = {
  benchmark: 'service catalogue: import, 1,000-guide delta, index and search 100,000 guides (goals: import ≤ 10 s, delta ≤ 0.3 s, search p95 ≤ 10 ms)',
  measuredAt: new Date().toISOString(),
  machine,
  ...(await measureCatalogue(Number(process.env['BENCH_GUIDES'] ?? 100_000))),
};
await writeFile(path.join(dir, 'catalogue.json'), `${JSON.stringify(catalogue, null, 2)}\n`);
console.log(catalogue.benchmark);
console.log(`  ${catalogue.guides} guides, ${catalogue.bundles} bundles (${catalogue.distinctNames} distinct names): import ${catalogue.importMs} ms, index build ${catalogue.indexBuildMs} ms`);
console.log(`  delta of ${catalogue.delta.guides} guides over loopback: sync ${catalogue.delta.syncMs} ms (verify, download, apply), index rebuild ${catalogue.delta.indexRebuildMs} ms`);
for (const [kind, figures] of Object.entries(catalogue.search)) {
  console.log(`  search ${kind.padEnd(9)} p50 ${figures.p50} ms  p95 ${figures.p95} ms  p99 ${figures.p99} ms  (${figures.queries.length} queries)`);
}
console.log('  written to bench/results/catalogue.json');

const outbox = {
  benchmark: 'outbox: durable enqueue and drain to the reference platform over loopback (goals: enqueue p95 ≤ 5 ms, drain ≥ 200 cases/s)',
  measuredAt: new Date().toISOString(),
  machine,
  ...(await measureOutbox(Number(process.env['BENCH_OUTBOX_ENQUEUES'] ?? 1000), Number(process.env['BENCH_OUTBOX_DRAINED'] ?? 1000))),
};
await writeFile(path.join(dir, 'outbox.json'), `${JSON.stringify(outbox, null, 2)}\n`);
console.log(outbox.benchmark);
console.log(`  enqueue (sealed, committed with full sync; ${outbox.enqueue.bodyBytes}-byte case): p50 ${outbox.enqueue.p50} ms  p95 ${outbox.enqueue.p95} ms  p99 ${outbox.enqueue.p99} ms  (${outbox.enqueue.count} cases)`);
console.log(`  drain: ${outbox.drain.cases} cases in ${outbox.drain.seconds} s = ${outbox.drain.casesPerSecond} cases/s (${outbox.drain.concurrency} in flight; signed, verified, stored durably by the platform)`);
console.log('  written to bench/results/outbox.json');
