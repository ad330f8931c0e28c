import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PageJob, PageJobResult } from './page-jobs.ts';

type JobInput = PageJob extends infer J ? (J extends PageJob ? Omit<J, 'id'> : never) : never;

/** The worker's entry: the source when running from source (npm start, tests), the bundle in a packaged app. */
const workerFile = (): string => {
  const source = path.join(import.meta.dirname, 'page-worker.ts');
  return existsSync(source) ? source : path.join(import.meta.dirname, '..', 'workers', 'page-worker.js');
};

export class PageProcessingFailed extends Error {
  constructor(detail: string) {
    super(`page processing failed: ${detail}`);
    this.name = 'PageProcessingFailed';
  }
}

/**
 * Runs page jobs (find the sheet in a camera frame; straighten, crop and encode a page) on a worker thread, started
 * on first use. A job that takes too long, or a worker that dies, fails that job; the next job gets a fresh worker.
 */
export class PageProcessor {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (result: PageJobResult) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  readonly #timeoutMs: number;

  constructor(options: { timeoutMs?: number } = {}) {
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  run(job: JobInput): Promise<PageJobResult> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new PageProcessingFailed(`no answer within ${this.#timeoutMs} ms`));
        // A stuck worker is replaced: terminate it and let the next job start another.
        void this.#restart();
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      worker.postMessage({ ...job, id });
    });
  }

  async close(): Promise<void> {
    await this.#restart();
  }

  #ensureWorker(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = new Worker(workerFile());
    worker.unref();
    worker.on('message', (result: PageJobResult) => {
      const pending = this.#pending.get(result.id);
      if (pending === undefined) return;
      this.#pending.delete(result.id);
      clearTimeout(pending.timer);
      pending.resolve(result);
    });
    const fail = (error: Error) => {
      for (const [id, pending] of this.#pending) {
        clearTimeout(pending.timer);
        pending.reject(new PageProcessingFailed(error.message));
        this.#pending.delete(id);
      }
      if (this.#worker === worker) this.#worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the page worker exited (${code})`)));
    this.#worker = worker;
    return worker;
  }

  async #restart(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    await worker?.terminate();
  }
}
