import fc from 'fast-check';
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { FUZZ_TARGETS } from '../../tests/support/fuzz/targets.ts';

/**
 * One target's fuzz run, in a worker so that the runner can stop an input that never ends. Counts each finished
 * input into the shared `progress` cell (the runner's watchdog reads it) and posts the figures at the end.
 */
export interface FuzzJob {
  target: string;
  runs: number;
  seed: number;
  /** Replays one input (fast-check's counterexample path) instead of a run. */
  path?: string;
  progress: SharedArrayBuffer;
}

export interface FuzzFigures {
  target: string;
  cases: number;
  seconds: number;
  casesPerSecond: number;
  slowestMs: number;
  /** Heap after a full GC, MB: after a warm-up of 1 % of the runs (compiled code, caches), and after the run. */
  heapBeforeMb: number;
  heapAfterMb: number;
  /** The process's resident set, MB: before the run, its peak during it, and after a GC. */
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  /** The most RSS rose from one input to the next (its generation and its check): what one input costs at worst. */
  rssRiseOneInputMb: number;
  failure: { seed: number; path: string; counterexample: string; error: string } | null;
}

const job = workerData as FuzzJob;
const progress = new Int32Array(job.progress);
const target = FUZZ_TARGETS.find((t) => t.name === job.target);
if (target === undefined) throw new Error(`no fuzz target "${job.target}"`);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
/** A full collection, twice, with a turn of the event loop between for finalizers (native handles, weak callbacks). */
const collect = async () => {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
};
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

let slowestMs = 0;
let rssPeak = 0;
let rssLast = 0;
let rssRise = 0;
const observe = (ms: number) => {
  if (ms > slowestMs) slowestMs = ms;
  const rss = process.memoryUsage.rss();
  if (rss > rssPeak) rssPeak = rss;
  if (rss - rssLast > rssRise) rssRise = rss - rssLast;
  rssLast = rss;
  Atomics.add(progress, 0, 1);
};

const describeFailure = (details: fc.RunDetails<[unknown]>): FuzzFigures['failure'] =>
  details.failed
    ? {
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        counterexample: fc.stringify(details.counterexample).slice(0, 2000),
        error: details.errorInstance instanceof Error ? `${details.errorInstance.name}: ${details.errorInstance.message}`.slice(0, 2000) : String(details.errorInstance),
      }
    : null;

// Warm-up (not counted): what is compiled or cached once is not growth.
const warmUpStarted = performance.now();
const warmUp = job.path === undefined ? await fc.check(target.property(() => Atomics.add(progress, 0, 1)), { numRuns: Math.max(100, Math.ceil(job.runs / 100)), seed: job.seed ^ 0x5eed }) : null;
await collect();
const heapBefore = v8.getHeapStatistics().used_heap_size;
const rssBefore = process.memoryUsage.rss();
rssPeak = rssBefore;
rssLast = rssBefore;
const started = performance.now();
const details = warmUp?.failed === true ? warmUp : await fc.check(target.property(observe), { numRuns: job.runs, seed: job.seed, ...(job.path === undefined ? {} : { path: job.path }) });
// A failure in the warm-up ends the run there: its figures are the warm-up's.
const seconds = (performance.now() - (warmUp?.failed === true ? warmUpStarted : started)) / 1000;
await collect();
const figures: FuzzFigures = {
  target: target.name,
  cases: details.numRuns,
  seconds: Math.round(seconds * 100) / 100,
  casesPerSecond: Math.round(details.numRuns / seconds),
  slowestMs: Math.round(slowestMs * 10) / 10,
  heapBeforeMb: mb(heapBefore),
  heapAfterMb: mb(v8.getHeapStatistics().used_heap_size),
  rssBeforeMb: mb(rssBefore),
  rssPeakMb: mb(rssPeak),
  rssAfterMb: mb(process.memoryUsage.rss()),
  rssRiseOneInputMb: mb(rssRise),
  failure: describeFailure(details),
};
parentPort?.postMessage(figures);
