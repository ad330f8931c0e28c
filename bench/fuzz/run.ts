import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { MAX_INPUT_MS } from '../../tests/support/fuzz/fuzz-target.ts';
import { FUZZ_TARGETS } from '../../tests/support/fuzz/targets.ts';
import type { FuzzFigures, FuzzJob } from './fuzz-worker.ts';

/**
 * `npm run fuzz`: every parser of tests/support/fuzz/targets.ts with 10⁵ inputs (issue 21), each target in a worker.
 * Prints per target the cases, cases/s, the slowest input, heap and RSS, and any failure with its seed and
 * counterexample; writes bench/results/fuzz.json. Exits 1 on a failed property (a crash: anything but the
 * parser's typed error), an input over MAX_INPUT_MS, an input that never ends (the worker is stopped), or memory
 * beyond the bounds below.
 *
 *   npm run fuzz -- --runs 2000                     a quick run (or FUZZ_RUNS=2000)
 *   npm run fuzz -- --target "HID-POS reports"      one target
 *   npm run fuzz -- --target … --seed S --path P    replay a counterexample
 */

/** Heap (after a full GC) may grow by at most this over a run: more is memory that inputs leave behind. */
export const MAX_HEAP_GROWTH_MB = 16;
/** The process's resident set may rise by at most this from one input to the next (an inflation bomb would). */
export const MAX_RSS_RISE_MB = 256;
/** An input still running after this is a hang: its worker is stopped. */
const HANG_MS = 10_000;

const { values } = parseArgs({
  options: { runs: { type: 'string' }, target: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' } },
});
const runs = Number(values.runs ?? process.env['FUZZ_RUNS'] ?? 100_000);
const seed = Number(values.seed ?? Date.now() % 2 ** 31);
const targets = FUZZ_TARGETS.filter((target) => values.target === undefined || target.name === values.target);
if (targets.length === 0) throw new Error(`no fuzz target "${values.target}": ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error('run with node --expose-gc (npm run fuzz does)');

interface Verdict {
  figures: FuzzFigures | null;
  problems: string[];
}

const fuzz = (target: string): Promise<Verdict> =>
  new Promise((resolve) => {
    const progress = new SharedArrayBuffer(4);
    const cells = new Int32Array(progress);
    const job: FuzzJob = { target, runs, seed, progress, ...(values.path === undefined ? {} : { path: values.path }) };
    const worker = new Worker(new URL('./fuzz-worker.ts', import.meta.url), { workerData: job });
    let last = -1;
    let lastChange = performance.now();
    let settled = false;
    const settle = (verdict: Verdict) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(verdict);
    };
    const watchdog = setInterval(() => {
      const done = Atomics.load(cells, 0);
      if (done !== last) {
        last = done;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > HANG_MS) {
        void worker.terminate();
        settle({ figures: null, problems: [`hang: input ${done + 1} of seed ${seed} still running after ${HANG_MS / 1000} s (replay: --target "${target}" --seed ${seed} --runs ${done + 1})`] });
      }
    }, 250);
    worker.once('message', (figures: FuzzFigures) => {
      const problems: string[] = [];
      if (figures.failure !== null) problems.push(`failed: ${figures.failure.error}\n    seed ${figures.failure.seed}, path "${figures.failure.path}"\n    counterexample ${figures.failure.counterexample}`);
      if (figures.slowestMs > MAX_INPUT_MS) problems.push(`slow: one input took ${figures.slowestMs} ms`);
      if (figures.heapAfterMb - figures.heapBeforeMb > MAX_HEAP_GROWTH_MB) problems.push(`memory: heap grew ${Math.round(figures.heapAfterMb - figures.heapBeforeMb)} MB (at most ${MAX_HEAP_GROWTH_MB})`);
      if (figures.rssRiseOneInputMb > MAX_RSS_RISE_MB) problems.push(`memory: RSS rose ${Math.round(figures.rssRiseOneInputMb)} MB with one input (at most ${MAX_RSS_RISE_MB})`);
      settle({ figures, problems });
    });
    worker.once('error', (error) => settle({ figures: null, problems: [`the worker died: ${error.stack ?? String(error)}`] }));
    worker.once('exit', (code) => settle({ figures: null, problems: [`the worker exited (${code}) without figures`] }));
  });

console.log(`fuzz: ${runs} inputs per target, seed ${seed}, on ${os.cpus().length} cores, ${process.version}`);
console.log(`  bounds: ${MAX_INPUT_MS} ms for one input, heap growth over a run ${MAX_HEAP_GROWTH_MB} MB (after GC), RSS rise with one input ${MAX_RSS_RISE_MB} MB`);
const results: Array<{ target: string; holds: string } & Verdict> = [];
for (const target of targets) {
  const verdict = await fuzz(target.name);
  results.push({ target: target.name, holds: target.holds, ...verdict });
  const f = verdict.figures;
  const line = f === null ? '' : `${String(f.cases).padStart(7)} cases  ${String(f.casesPerSecond).padStart(6)}/s  slowest ${f.slowestMs} ms  heap ${f.heapBeforeMb} → ${f.heapAfterMb} MB  RSS ${f.rssBeforeMb} → peak ${f.rssPeakMb} → ${f.rssAfterMb} MB, one input ≤ +${f.rssRiseOneInputMb} MB`;
  console.log(`${verdict.problems.length === 0 ? 'ok  ' : 'FAIL'} ${target.name.padEnd(26)} ${line}`);
  for (const problem of verdict.problems) console.log(`    ${problem}`);
}

const dir = path.join(import.meta.dirname, '..', 'results');
await mkdir(dir, { recursive: true });
const report = {
  benchmark: 'fuzz: the parsers of tests/support/fuzz/targets.ts (issue 21)',
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' },
  runs,
  seed,
  bounds: { maxInputMs: MAX_INPUT_MS, maxHeapGrowthMb: MAX_HEAP_GROWTH_MB, maxRssRiseMb: MAX_RSS_RISE_MB },
  results,
};
await writeFile(path.join(dir, 'fuzz.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('  written to bench/results/fuzz.json');
process.exitCode = results.every((result) => result.problems.length === 0) ? 0 : 1;
